using System.Net;
using System.Text;
using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.DirectoryFeature.DirectoryTestData;
using TextDecoding = InfoFunctions.Platform.TextDecoding;

namespace InfoFunctions.Tests.DirectoryFeature;

[Collection("app")]
public sealed class DirectoryImportApiTests(AppFixture fx)
{
    [Fact]
    public async Task Csv_units_with_a_bad_row_import_nothing_and_name_the_line()
    {
        using var admin = fx.CreateAdminClient();
        var county = "c" + Uid();
        var town = "t" + Uid();
        var csv =
            $"编码,名称,级别,上级编码\r\n{county},测试县人大常委会,县区,\r\n{town},测试镇人大,乡镇,{county}\r\nx{Uid()},坏行,省级,\r\n";
        var r = await admin.PostAsync("api/directory/import/units", File(Encoding.UTF8.GetBytes(csv), "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var problem = await r.JsonAsync();
        Assert.Equal("import-invalid", problem.GetProperty("code").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal("级别", error.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/units/{county}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/units/{town}")).StatusCode);

        // Fixed, the same file imports, the township pointing at a county defined in the same file.
        var fixedCsv =
            $"编码,名称,级别,上级编码\r\n{town},测试镇人大,乡镇,{county}\r\n{county},测试县人大常委会,县区,\r\n";
        var ok = await admin.PostAsync(
            "api/directory/import/units",
            File(Encoding.UTF8.GetBytes(fixedCsv), "text/csv; charset=utf-8")
        );
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var summary = await ok.JsonAsync();
        Assert.Equal((2, 0), (summary.GetProperty("created").GetInt32(), summary.GetProperty("updated").GetInt32()));
        Assert.Equal(
            county,
            (await (await admin.GetAsync($"api/units/{town}")).JsonAsync()).GetProperty("parentId").GetString()
        );
    }

    [Fact]
    public async Task Gb18030_people_csv_imports_then_reimport_updates_by_email()
    {
        using var admin = fx.CreateAdminClient();
        var unit = "u" + Uid();
        await CreateUnitAsync(admin, unit, "committee");
        var a = "a" + Uid();
        var csv =
            $"姓名,邮箱,电话,单位编码,角色,专兼职,人大代表,年度任务\r\n孔德志,{a}@example.org,0557-3021234,{unit},信息员、编辑,兼职,是,6\r\n";
        var r = await admin.PostAsync(
            "api/directory/import/people",
            File(TextDecoding.Gb18030.GetBytes(csv), "text/csv")
        );
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(1, (await r.JsonAsync()).GetProperty("created").GetInt32());

        var people = await (await admin.GetAsync($"api/people?unitId={unit}")).JsonAsync();
        var p = Assert.Single(people.EnumerateArray());
        Assert.Equal("孔德志", p.GetProperty("name").GetString());
        Assert.True(p.GetProperty("isDeputy").GetBoolean());
        Assert.Equal(["officer", "editor"], p.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));

        var again = await admin.PostAsync(
            "api/directory/import/people",
            File(Encoding.UTF8.GetBytes(csv.Replace(",6\r\n", ",10\r\n")), "text/csv")
        );
        var summary = await again.JsonAsync();
        Assert.Equal((0, 1), (summary.GetProperty("created").GetInt32(), summary.GetProperty("updated").GetInt32()));
        var updated = await (await admin.GetAsync($"api/people/{p.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal(10, updated.GetProperty("annualQuota").GetInt32());
    }

    [Fact]
    public async Task Xlsx_people_with_a_bad_row_import_nothing_and_name_the_row()
    {
        using var admin = fx.CreateAdminClient();
        var unit = "u" + Uid();
        await CreateUnitAsync(admin, unit);
        var bytes = XlsxBuilder.Build([
            ["姓名", "邮箱", "单位编码", "角色", "专兼职", "人大代表", "年度任务"],
            ["张三", $"z{Uid()}@example.org", unit, "信息员", "专职", "否", "num:12"],
            ["李四", $"l{Uid()}@example.org", unit, "站长", "兼职", "是", "num:6"],
            ["王五", $"w{Uid()}@example.org", unit, "inline:信息员", "兼职", "否", "num:6"],
        ]);
        var r = await admin.PostAsync("api/directory/import/people", File(bytes, Xlsx));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var error = Assert.Single((await r.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "角色"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Empty(
            (
                await (await admin.GetAsync($"api/people?unitId={unit}&includeInactive=true")).JsonAsync()
            ).EnumerateArray()
        );

        var good = XlsxBuilder.Build([
            ["name", "email", "unit", "roles"],
            ["张三", $"z{Uid()}@example.org", unit, "officer"],
            ["王五", $"w{Uid()}@example.org", unit, null],
        ]);
        var ok = await admin.PostAsync("api/directory/import/people", File(good, Xlsx));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, (await (await admin.GetAsync($"api/people?unitId={unit}")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Wrong_type_is_415_and_too_large_is_413()
    {
        using var admin = fx.CreateAdminClient();
        var json = await admin.PostAsync("api/directory/import/units", File("{}"u8.ToArray(), "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        var big = new byte[5 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)'a');
        var tooLarge = await admin.PostAsync("api/directory/import/people", File(big, "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("file-too-large", (await tooLarge.JsonAsync()).GetProperty("code").GetString());

        var notXlsx = await admin.PostAsync("api/directory/import/units", File("编码,名称\n"u8.ToArray(), Xlsx));
        Assert.Equal(HttpStatusCode.BadRequest, notXlsx.StatusCode);
    }
}
