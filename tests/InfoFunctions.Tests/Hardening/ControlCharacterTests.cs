using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Tests.DirectoryFeature;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// A unit named with NUL, BEL and ESC once broke the 通报 of every period. It cannot get in: not through the API,
/// a CSV import or a workbook (where Excel writes the characters as _xHHHH_); each is a 400 naming the field.
/// </summary>
[Collection("app")]
public sealed class ControlCharacterTests(AppFixture fx)
{
    private const string Name = "坏\u0000单\u0007位\u001b";

    [Fact]
    public async Task A_unit_name_with_nul_bel_esc_is_refused_by_the_api_and_by_both_imports()
    {
        using var admin = fx.CreateAdminClient();
        var id = "ctl-" + Guid.NewGuid().ToString("N")[..8];

        var api = await admin.PostJsonAsync("api/units", new { id, name = Name, level = "县区" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.JsonAsync();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.Equal("name", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("U+0000", problem.GetProperty("detail").GetString());

        var csv = Encoding.UTF8.GetBytes($"编码,名称,级别\r\n{id},{Name},县区\r\n");
        var imported = await admin.PostAsync("api/directory/import/units", Content(csv, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, imported.StatusCode);
        var error = (await imported.JsonAsync()).GetProperty("errors")[0];
        Assert.Equal((2, "名称"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));

        var workbook = XlsxBuilder.Build([["编码", "名称", "级别"], [id, "坏_x0000_单_x0007_位_x001B_", "县区"]]);
        var sheet = await admin.PostAsync("api/directory/import/units", Content(workbook, SheetFile.XlsxType));
        Assert.Equal(HttpStatusCode.BadRequest, sheet.StatusCode);
        Assert.Equal("名称", (await sheet.JsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/units/{id}")).StatusCode);

        // Excel's escape for a literal "_x" reads back as the text typed, which is fine.
        var literal = XlsxBuilder.Build([["编码", "名称", "级别"], [id, "单位_x005F_x0007_", "县区"]]);
        var ok = await admin.PostAsync("api/directory/import/units", Content(literal, SheetFile.XlsxType));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("单位_x0007_",
            (await (await admin.GetAsync($"api/units/{id}")).JsonAsync()).GetProperty("name").GetString());
    }

    private static ByteArrayContent Content(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }
}
