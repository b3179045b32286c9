using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.DirectoryFeature.DirectoryTestData;

namespace InfoFunctions.Tests.DirectoryFeature;

[Collection("app")]
public sealed class DirectoryApiTests(AppFixture fx)
{
    [Fact]
    public async Task Unit_crud_with_etags_and_if_match()
    {
        using var admin = fx.CreateAdminClient();
        var id = "u" + Uid();
        var created = await admin.PostJsonAsync(
            "api/units",
            new
            {
                id,
                name = "测试县人大常委会",
                level = "县区",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/units/{id}", created.Headers.Location?.OriginalString);
        var etag1 = created.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag1));
        Assert.Equal("county", (await created.JsonAsync()).GetProperty("level").GetString());

        var get = await admin.GetAsync($"api/units/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(etag1, get.Headers.ETag?.ToString());

        var put = new HttpRequestMessage(HttpMethod.Put, $"api/units/{id}")
        {
            Content = JsonContent(new { name = "测试县人大常委会（新）", level = "county" }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag1);
        var updated = await admin.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var etag2 = updated.Headers.ETag?.ToString();
        Assert.NotEqual(etag1, etag2);

        // A second writer still holding the first ETag is refused and shown the current state.
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/units/{id}")
        {
            Content = JsonContent(new { name = "旧名称覆盖", level = "county" }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", etag1);
        var conflict = await admin.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        Assert.Equal(etag2, conflict.Headers.ETag?.ToString());
        var problem = await conflict.JsonAsync();
        Assert.Equal("precondition-failed", problem.GetProperty("code").GetString());
        Assert.Equal("测试县人大常委会（新）", problem.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(
            "测试县人大常委会（新）",
            (await (await admin.GetAsync($"api/units/{id}")).JsonAsync()).GetProperty("name").GetString()
        );

        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await admin.PostJsonAsync(
                    "api/units",
                    new
                    {
                        id,
                        name = "重复",
                        level = "county",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/units/nx{Uid()}")).StatusCode);
    }

    [Fact]
    public async Task Unit_validation_returns_per_field_errors_and_enforces_the_hierarchy()
    {
        using var admin = fx.CreateAdminClient();
        var bad = await admin.PostJsonAsync(
            "api/units",
            new
            {
                id = "Bad Code",
                name = "",
                level = "省级",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var fields = (await bad.JsonAsync())
            .GetProperty("errors")
            .EnumerateArray()
            .Select(e => e.GetProperty("field").GetString())
            .ToList();
        Assert.Equal(["id", "name", "level"], fields);

        var office = "o" + Uid();
        await CreateUnitAsync(admin, office, "committee");
        var unknownParent = await admin.PostJsonAsync(
            "api/units",
            new
            {
                id = "t" + Uid(),
                name = "某镇人大",
                level = "township",
                parentId = "nx" + Uid(),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknownParent.StatusCode);
        var underOffice = await admin.PostJsonAsync(
            "api/units",
            new
            {
                id = "t" + Uid(),
                name = "某镇人大",
                level = "township",
                parentId = office,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, underOffice.StatusCode);
        Assert.Equal(
            "parentId",
            (await underOffice.JsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString()
        );
        var orphan = await admin.PostJsonAsync(
            "api/units",
            new
            {
                id = "t" + Uid(),
                name = "某镇人大",
                level = "乡镇",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);

        var county = "c" + Uid();
        await CreateUnitAsync(admin, county);
        await CreateUnitAsync(admin, "t" + Uid(), "township", county);
    }

    [Fact]
    public async Task A_unit_with_active_people_or_townships_cannot_be_deactivated()
    {
        using var admin = fx.CreateAdminClient();
        var county = "c" + Uid();
        var town = "t" + Uid();
        var person = "p" + Uid();
        await CreateUnitAsync(admin, county);
        await CreateUnitAsync(admin, town, "township", county);
        await CreatePersonAsync(admin, person, town);

        Assert.Equal(
            HttpStatusCode.Conflict,
            (await admin.PostAsync($"api/units/{county}/deactivate", null)).StatusCode
        );
        var blocked = await admin.PostAsync($"api/units/{town}/deactivate", null);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("unit-has-active-people", (await blocked.JsonAsync()).GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/people/{person}/deactivate", null)).StatusCode);
        var done = await admin.PostAsync($"api/units/{town}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False((await done.JsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/units/{county}/deactivate", null)).StatusCode);

        var active = await (await admin.GetAsync("api/units")).JsonAsync();
        Assert.DoesNotContain(active.EnumerateArray(), u => u.GetProperty("id").GetString() == town);
        var all = await (await admin.GetAsync("api/units?includeInactive=true")).JsonAsync();
        Assert.Contains(all.EnumerateArray(), u => u.GetProperty("id").GetString() == town);
        var people = await (await admin.GetAsync($"api/people?unitId={town}&includeInactive=true")).JsonAsync();
        Assert.Equal(person, Assert.Single(people.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await (await admin.GetAsync($"api/people?unitId={town}")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task People_have_unique_emails_and_an_email_change_frees_the_old_address()
    {
        using var admin = fx.CreateAdminClient();
        var unit = "u" + Uid();
        await CreateUnitAsync(admin, unit, "committee");
        var a = "p" + Uid();
        var created = await admin.PostJsonAsync(
            "api/people",
            new
            {
                id = a,
                name = "林晓雯",
                email = $"{a}@example.org",
                phone = "0557-3021234",
                unitId = unit,
                roles = new[] { "编辑", "officer" },
                employment = "专职",
                isDeputy = true,
                annualQuota = 24,
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal(["officer", "editor"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("fullTime", body.GetProperty("employment").GetString());
        Assert.True(body.GetProperty("isDeputy").GetBoolean());
        Assert.Equal(24, body.GetProperty("annualQuota").GetInt32());

        var dup = await admin.PostJsonAsync(
            "api/people",
            new
            {
                name = "另一人",
                email = $"{a.ToUpperInvariant()}@EXAMPLE.org",
                unitId = unit,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
        Assert.Equal("email-taken", (await dup.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await admin.PostJsonAsync(
                    "api/people",
                    new
                    {
                        name = "某人",
                        email = $"x{Uid()}@example.org",
                        unitId = "nx" + Uid(),
                    }
                )
            ).StatusCode
        );

        var etag = created.Headers.ETag!.ToString();
        var put = new HttpRequestMessage(HttpMethod.Put, $"api/people/{a}")
        {
            Content = JsonContent(
                new
                {
                    name = "林晓雯",
                    email = $"{a}-new@example.org",
                    unitId = unit,
                    roles = new[] { "editor" },
                    employment = "fullTime",
                }
            ),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(put)).StatusCode);

        // The old address is free again; the new one is taken.
        var b = "p" + Uid();
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await admin.PostJsonAsync(
                    "api/people",
                    new
                    {
                        id = b,
                        name = "新人",
                        email = $"{a}@example.org",
                        unitId = unit,
                    }
                )
            ).StatusCode
        );
        var clash = await admin.PutJsonAsync(
            $"api/people/{b}",
            new
            {
                name = "新人",
                email = $"{a}-new@example.org",
                unitId = unit,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(
            $"{a}@example.org",
            (await (await admin.GetAsync($"api/people/{b}")).JsonAsync()).GetProperty("email").GetString()
        );

        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/people/{a}")
        {
            Content = JsonContent(
                new
                {
                    name = "X",
                    email = $"{a}@example.org",
                    unitId = unit,
                }
            ),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task A_person_token_follows_the_directory()
    {
        using var admin = fx.CreateAdminClient();
        var unit = "u" + Uid();
        var id = "p" + Uid();
        await CreateUnitAsync(admin, unit);
        await CreatePersonAsync(admin, id, unit, "信息员");
        using var officer = fx.CreateClient(await TokenForAsync(admin, id));
        var me = await (await officer.GetAsync("api/me")).JsonAsync();
        Assert.Equal(unit, me.GetProperty("unitId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/people/{id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public async Task Carrier_crud()
    {
        using var admin = fx.CreateAdminClient();
        var id = "k" + Uid();
        var created = await admin.PostJsonAsync(
            "api/carriers",
            new
            {
                id,
                name = "《测试刊物》",
                level = "市级",
                kind = "刊物",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal(
            ("municipal", "periodical"),
            (body.GetProperty("level").GetString(), body.GetProperty("kind").GetString())
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await admin.PostJsonAsync(
                    "api/carriers",
                    new
                    {
                        name = "x",
                        level = "县级",
                        kind = "刊物",
                    }
                )
            ).StatusCode
        );

        var updated = await admin.PutJsonAsync(
            $"api/carriers/{id}",
            new
            {
                name = "《测试网站》",
                level = "provincial",
                kind = "website",
            }
        );
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/carriers/{id}/deactivate", null)).StatusCode);
        var list = await (await admin.GetAsync("api/carriers")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        var all = await (await admin.GetAsync("api/carriers?includeInactive=true")).JsonAsync();
        Assert.Equal(
            "《测试网站》",
            all.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).GetProperty("name").GetString()
        );
    }

    [Fact]
    public async Task Demo_data_loads_and_a_second_load_changes_nothing()
    {
        using var admin = fx.CreateAdminClient();
        var first = await admin.PostAsync("api/directory/demo", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await (await admin.PostAsync("api/directory/demo", null)).JsonAsync();
        foreach (var part in new[] { "units", "carriers", "people" })
        {
            Assert.Equal(0, second.GetProperty(part).GetProperty("created").GetInt32());
            Assert.Equal(0, second.GetProperty(part).GetProperty("updated").GetInt32());
        }
        Assert.Equal(23, second.GetProperty("units").GetProperty("unchanged").GetInt32());
        Assert.Equal(5, second.GetProperty("carriers").GetProperty("unchanged").GetInt32());

        var units = await (await admin.GetAsync("api/units")).JsonAsync();
        var fl = units.EnumerateArray().Single(u => u.GetProperty("id").GetString() == "yq-fl");
        Assert.Equal(("township", "yq"), (fl.GetProperty("level").GetString(), fl.GetProperty("parentId").GetString()));
        var carriers = await (await admin.GetAsync("api/carriers")).JsonAsync();
        Assert.Contains(carriers.EnumerateArray(), c => c.GetProperty("name").GetString() == "《代表之声》");
        var research = await (await admin.GetAsync("api/people?unitId=sz-yjs")).JsonAsync();
        Assert.Contains(
            research.EnumerateArray(),
            p => p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "signer")
        );
    }

    private static StringContent JsonContent(object body) =>
        new(
            JsonSerializer.Serialize(body, InfoFunctions.Platform.Json.Options),
            System.Text.Encoding.UTF8,
            new MediaTypeHeaderValue("application/json")
        );
}
