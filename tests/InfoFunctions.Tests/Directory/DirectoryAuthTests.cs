using System.Net;
using System.Text;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.DirectoryFeature.DirectoryTestData;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>Who may do what on the directory endpoints.</summary>
[Collection("app")]
public sealed class DirectoryAuthTests(AppFixture fx)
{
    public static TheoryData<string, string> Endpoints =>
        new()
        {
            { "GET", "api/units" },
            { "POST", "api/units" },
            { "GET", "api/units/sz-yjs" },
            { "PUT", "api/units/sz-yjs" },
            { "POST", "api/units/sz-yjs/deactivate" },
            { "GET", "api/people" },
            { "POST", "api/people" },
            { "GET", "api/people/demo-lin-xiaowen" },
            { "PUT", "api/people/demo-lin-xiaowen" },
            { "POST", "api/people/demo-lin-xiaowen/deactivate" },
            { "GET", "api/carriers" },
            { "POST", "api/carriers" },
            { "PUT", "api/carriers/sz-rd" },
            { "POST", "api/carriers/sz-rd/deactivate" },
            { "POST", "api/directory/import/units" },
            { "POST", "api/directory/import/people" },
            { "POST", "api/directory/demo" },
        };

    private static HttpRequestMessage Request(string method, string url) =>
        new(new HttpMethod(method), url)
        {
            Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task No_credential_or_a_forged_token_is_401(string method, string url)
    {
        using var anonymous = fx.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request(method, url))).StatusCode);
        using var forged = fx.CreateClient("ifp_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.SendAsync(Request(method, url))).StatusCode);
    }

    [Fact]
    public async Task Officer_reads_units_carriers_and_self_but_not_others_and_writes_nothing()
    {
        using var admin = fx.CreateAdminClient();
        var unit = "u" + Uid();
        var officerId = "p" + Uid();
        var otherId = "p" + Uid();
        await CreateUnitAsync(admin, unit);
        await CreatePersonAsync(admin, officerId, unit, "officer");
        await CreatePersonAsync(admin, otherId, unit, "officer");
        var carrier = "k" + Uid();
        await CreateAsync(
            admin,
            "api/carriers",
            new
            {
                id = carrier,
                name = "《测试》",
                level = "municipal",
                kind = "periodical",
            }
        );
        using var officer = fx.CreateClient(await TokenForAsync(admin, officerId));

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("api/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"api/units/{unit}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("api/carriers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"api/carriers/{carrier}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"api/people/{officerId}")).StatusCode);
        // Even a colleague in the same unit is not readable by an officer.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"api/people/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("api/people")).StatusCode);

        foreach (
            var (method, url) in new[]
            {
                ("POST", "api/units"),
                ("PUT", $"api/units/{unit}"),
                ("POST", $"api/units/{unit}/deactivate"),
                ("POST", "api/people"),
                ("PUT", $"api/people/{officerId}"),
                ("POST", $"api/people/{otherId}/deactivate"),
                ("POST", "api/carriers"),
                ("PUT", $"api/carriers/{carrier}"),
                ("POST", $"api/carriers/{carrier}/deactivate"),
                ("POST", "api/directory/import/units"),
                ("POST", "api/directory/import/people"),
                ("POST", "api/directory/demo"),
            }
        )
        {
            var r = await officer.SendAsync(Request(method, url));
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} -> {(int)r.StatusCode}");
        }
        // Nothing changed.
        Assert.True(
            (await (await admin.GetAsync($"api/people/{otherId}")).JsonAsync()).GetProperty("active").GetBoolean()
        );
    }

    [Fact]
    public async Task Office_roles_read_everyone_and_admins_write()
    {
        using var admin = fx.CreateAdminClient();
        var unit = "u" + Uid();
        var editorId = "p" + Uid();
        var adminId = "p" + Uid();
        var otherId = "p" + Uid();
        await CreateUnitAsync(admin, unit, "committee");
        await CreatePersonAsync(admin, editorId, unit, "editor");
        await CreatePersonAsync(admin, adminId, unit, "admin");
        await CreatePersonAsync(admin, otherId, unit, "officer");

        using var editor = fx.CreateClient(await TokenForAsync(admin, editorId));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"api/people/{otherId}")).StatusCode);
        Assert.Equal(3, (await (await editor.GetAsync($"api/people?unitId={unit}")).JsonAsync()).GetArrayLength());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await editor.PostAsync($"api/people/{otherId}/deactivate", null)).StatusCode
        );

        using var directoryAdmin = fx.CreateClient(await TokenForAsync(admin, adminId));
        Assert.Equal(HttpStatusCode.OK, (await directoryAdmin.GetAsync("api/people")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await directoryAdmin.PostJsonAsync(
                    "api/units",
                    new
                    {
                        id = "u" + Uid(),
                        name = "新单位",
                        level = "committee",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await directoryAdmin.PostAsync($"api/people/{otherId}/deactivate", null)).StatusCode
        );
    }
}
