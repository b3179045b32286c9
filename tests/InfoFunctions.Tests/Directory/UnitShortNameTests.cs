using System.Net;
using System.Text;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.DirectoryFeature.DirectoryTestData;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>A unit's 简称 through the API and the import: absent keeps it, empty clears it, too long fails.</summary>
[Collection("app")]
public sealed class UnitShortNameTests(AppFixture fx)
{
    private static async Task<string?> ShortNameAsync(HttpClient admin, string id) =>
        (await (await admin.GetAsync($"api/units/{id}")).JsonAsync()).TryGetProperty("shortName", out var s)
            ? s.GetString() : null;

    private async Task PutAsync(HttpClient admin, string id, object body)
    {
        var etag = (await admin.GetAsync($"api/units/{id}")).Headers.GetValues("ETag").Single();
        var put = new HttpRequestMessage(HttpMethod.Put, $"api/units/{id}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        var r = await admin.SendAsync(put);
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_sets_keeps_clears_and_refuses_a_short_name()
    {
        using var admin = fx.CreateAdminClient();
        var id = "s" + Uid();
        var created = await admin.PostJsonAsync("api/units",
            new { id, name = "测试县人大常委会", level = "county", shortName = " 测试县 " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("测试县", await ShortNameAsync(admin, id));

        await PutAsync(admin, id, new { name = "测试县人大常委会", level = "county" });
        Assert.Equal("测试县", await ShortNameAsync(admin, id));
        await PutAsync(admin, id, new { name = "测试县人大常委会", level = "county", shortName = "" });
        Assert.Null(await ShortNameAsync(admin, id));

        var tooLong = await admin.PostJsonAsync("api/units",
            new { id = "s" + Uid(), name = "测试", level = "county", shortName = "一二三四五六七八九十十一" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("shortName",
            (await tooLong.JsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_import_reads_a_short_name_column_and_a_file_without_one_keeps_them()
    {
        using var admin = fx.CreateAdminClient();
        string a = "i" + Uid(), b = "i" + Uid();
        var csv = $"编码,名称,级别,简称\r\n{a},甲县人大常委会,县区,甲县\r\n{b},乙县人大常委会,县区,\r\n";
        var r = await admin.PostAsync("api/directory/import/units", File(Encoding.UTF8.GetBytes(csv), "text/csv"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("甲县", await ShortNameAsync(admin, a));
        Assert.Null(await ShortNameAsync(admin, b));

        // Without the column: nothing changes, the 简称 stays.
        var without = $"编码,名称,级别\r\n{a},甲县人大常委会,县区\r\n";
        var again = await admin.PostAsync("api/directory/import/units",
            File(Encoding.UTF8.GetBytes(without), "text/csv"));
        Assert.Equal(1, (await again.JsonAsync()).GetProperty("unchanged").GetInt32());
        Assert.Equal("甲县", await ShortNameAsync(admin, a));

        // The demo network carries its 简称.
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        Assert.Equal("埇桥区", await ShortNameAsync(admin, "yq"));
        Assert.Equal("人事代表选任工委", await ShortNameAsync(admin, "sz-rxw"));
    }
}
