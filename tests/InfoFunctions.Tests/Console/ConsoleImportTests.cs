using System.Net;
using System.Text;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// The admin imports a people list: a file with bad rows is refused with each row's line and column and
/// imports nothing; the corrected file imports, and the people appear in the directory tree.
/// </summary>
[Collection("console")]
public sealed class ConsoleImportTests(ConsoleFixture fx)
{
    private const string Header = "姓名,邮箱,电话,单位编码,角色,专兼职,人大代表,年度任务";

    [Fact]
    public async Task An_admin_sees_the_bad_rows_of_a_people_file_then_imports_the_corrected_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string Email(string name) => $"{name}.{tag}@example.org";
        var bad = string.Join("\r\n", Header,
            $"周海燕,{Email("zhou.haiyan")},0557-3021234,xx-hk,信息员,兼职,是,6",
            "吴志明,wu.zhiming.example.org,,xx-hk,信息员,兼职,否,6",
            $"郑晓红,{Email("zheng.xiaohong")},,xx-nowhere,信息员,专职,否,12") + "\r\n";

        await using var admin = await ConsoleSession.SignInAsync(fx, ConsoleFixture.AdminPerson);
        var page = admin.Page;
        await admin.SectionAsync("系统管理", "导入名录");
        await Expect(page.GetByLabel("导入内容")).ToHaveValueAsync("people");
        await page.GetByLabel("选择文件").SetInputFilesAsync(Csv("萧县黄口镇人员.csv", bad));
        await admin.Button("开始导入").ClickAsync();

        var rows = page.Locator("table.bad-rows tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("第 3 行");
        await Expect(rows.Nth(0)).ToContainTextAsync("邮箱");
        await Expect(rows.Nth(0)).ToContainTextAsync("wu.zhiming.example.org");
        await Expect(rows.Nth(1)).ToContainTextAsync("第 4 行");
        await Expect(rows.Nth(1)).ToContainTextAsync("单位编码");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("未导入任何数据");
        await admin.CheckPageAsync("23-admin-import-bad-rows");
        // Nothing was imported, not even the good row.
        Assert.DoesNotContain(Email("zhou.haiyan"), await PeopleEmailsAsync("xx-hk"));

        var good = bad.Replace("wu.zhiming.example.org", Email("wu.zhiming")).Replace("xx-nowhere", "xx-hk");
        await page.GetByLabel("选择文件").SetInputFilesAsync(Csv("萧县黄口镇人员（改）.csv", good));
        await admin.Button("开始导入").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "导入完成" }))
            .ToContainTextAsync("新增 3 条");
        await Expect(page.Locator("table.bad-rows")).ToHaveCountAsync(0);
        await admin.CheckPageAsync("24-admin-import-done");
        Assert.Contains(Email("wu.zhiming"), await PeopleEmailsAsync("xx-hk"));

        // The directory tree: the township under its county, with the new people.
        await page.GetByRole(AriaRole.Link, new() { Name = "查看人员名录" }).ClickAsync();
        await Expect(admin.Heading("人员名录")).ToBeVisibleAsync();
        var tree = page.GetByRole(AriaRole.Navigation, new() { Name = "单位" });
        var county = tree.Locator("li", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "萧县人大常委会" }) });
        await county.GetByRole(AriaRole.Button, new() { Name = "萧县黄口镇人大" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "萧县黄口镇人大", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "郑晓红" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "周海燕" })).ToContainTextAsync(Email("zhou.haiyan"));
        await admin.CheckPageAsync("25-admin-directory");
    }

    private static FilePayload Csv(string name, string text) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(text),
    };

    private async Task<List<string>> PeopleEmailsAsync(string unitId)
    {
        var response = await fx.Admin.GetAsync($"api/people?unitId={unitId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray().Select(p => p.GetProperty("email").GetString()!).ToList();
    }
}
