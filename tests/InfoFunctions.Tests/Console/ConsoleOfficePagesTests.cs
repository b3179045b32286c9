using DocumentFormat.OpenXml.Packaging;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// The office's other pages, each used once the way the office uses it: the editor's 约稿 and targets, the
/// 《信息专刊》 and the 好信息评选; the admin's standard preview, 轮岗, year-end assessment, tokens and backups.
/// </summary>
[Collection("console")]
public sealed class ConsoleOfficePagesTests(ConsoleFixture fx)
{
    [Fact]
    public async Task An_editor_commissions_a_topic_sets_targets_compiles_an_issue_and_scores_a_nominee()
    {
        var (_, signedOff) = await ConsoleData.ReportAsync(fx, "砀山县人大常委会开展代表述职评议", "述职", adopt: false);
        var (_, adopted) = await ConsoleData.ReportAsync(fx, "砀山县代表联络站接待群众见成效", "接待日", adopt: true);

        await using var editor = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Editor);
        var page = editor.Page;
        await editor.SectionAsync("调度会", "约稿与目标");
        await page.GetByText("新建约稿").ClickAsync();
        await editor.Button("发出约稿").ClickAsync();
        // The server's field errors sit under their fields; nothing is created.
        await Expect(page.GetByLabel("约稿题目")).ToHaveAttributeAsync("aria-invalid", "true");
        const string title = "约稿：县区人大代表联络站建设经验";
        await page.GetByLabel("约稿题目").FillAsync(title);
        await page.GetByLabel("约稿要求").FillAsync("请总结代表联络站建设与运行的做法和成效，1500 字以内。");
        await page.GetByLabel("截止日期").FillAsync(ConsoleData.BeijingToday().AddDays(20).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Group, new() { Name = "约稿单位" }).GetByText("萧县人大常委会").ClickAsync();
        await editor.Button("发出约稿").ClickAsync();
        await Expect(page.GetByText($"已发出约稿“{title}”")).ToBeVisibleAsync();
        await Expect(page.Locator("li.card", new() { HasText = title })).ToContainTextAsync("完成 0 / 1");

        await page.GetByLabel("调度会名称").FillAsync("第六次信息工作调度会");
        await page.GetByLabel("萧县人大常委会报送目标").FillAsync("6");
        await page.GetByLabel("萧县人大常委会采用目标").FillAsync("2");
        await editor.Button("保存目标").ClickAsync();
        await Expect(page.GetByText("已保存。")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "萧县人大常委会" })).ToContainTextAsync("报送 0（0%）");
        await editor.CheckPageAsync("30-editor-topics-targets");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "调度会" })
            .GetByRole(AriaRole.Link, new() { Name = "信息专刊" }).ClickAsync();
        await Expect(editor.Heading("信息专刊")).ToBeVisibleAsync();
        await page.GetByLabel("期号").FillAsync("8");
        await page.GetByText(signedOff, new() { Exact = false }).ClickAsync();
        await page.GetByText(adopted, new() { Exact = false }).ClickAsync();
        await editor.Button("编排并生成 Word").ClickAsync();
        var result = page.Locator(".notice.success");
        await Expect(result).ToContainTextAsync("共 2 篇");
        await Expect(result).ToContainTextAsync("砀山县人大常委会开展代表述职评议");
        var (name, bytes) = await editor.DownloadAsync(editor.Button("下载 Word"));
        Assert.EndsWith("-008.docx", name);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
            Assert.Contains("砀山县代表联络站接待群众见成效", doc.MainDocumentPart!.Document.Body!.InnerText);
        await editor.CheckPageAsync("31-editor-special-issue");

        await editor.SectionAsync("奖励表彰", "好信息评选");
        await page.GetByLabel("已采用稿件")
            .SelectOptionAsync(new SelectOptionValue { Label = $"{adopted} 砀山县代表联络站接待群众见成效" });
        await editor.Button("推荐").ClickAsync();
        var nominee = page.Locator("li.card", new() { HasText = adopted });
        await nominee.GetByLabel("评分（0–100）").FillAsync("92");
        await nominee.GetByLabel("点评").FillAsync("事例鲜活，数据翔实。");
        await nominee.GetByRole(AriaRole.Button, new() { Name = "评分" }).ClickAsync();
        await Expect(nominee).ToContainTextAsync("平均 92.0 分");
        await Expect(nominee).ToContainTextAsync("林晓雯 92 分");
        await editor.CheckPageAsync("32-editor-contest");
    }

    [Fact]
    public async Task An_admin_previews_a_standard_arranges_a_rotation_assesses_the_year_and_manages_tokens()
    {
        await using var admin = await ConsoleSession.SignInAsync(fx, ConsoleFixture.AdminPerson);
        var page = admin.Page;

        await admin.SectionAsync("奖励表彰", "奖励标准");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "现行标准：第 1 版", Exact = false })).ToBeVisibleAsync();
        await page.GetByText("制定新版本").ClickAsync();
        await page.GetByLabel("生效日期").FillAsync(ConsoleData.BeijingToday().AddDays(1).ToString("yyyy-MM-dd"));
        await page.GetByLabel("《宿州人大》 金额").FillAsync("40");
        await admin.Button("预览对本半年度的影响").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "预览：", Exact = false })).ToBeVisibleAsync();
        await admin.Button("发布新版本").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "发布新版本" })).ToContainTextAsync("不能修改");
        await admin.Button("取消").ClickAsync();
        await admin.CheckPageAsync("33-admin-standards-preview");

        // 轮岗 next year (this year's windows would make the person an editor during the other tests).
        var year = ConsoleData.BeijingToday().Year + 1;
        await admin.SectionAsync("调度会", "轮岗安排");
        await page.GetByLabel("年度").SelectOptionAsync($"{year}");
        await page.GetByLabel("人员").SelectOptionAsync(new SelectOptionValue { Label = "何嘉瑞" });
        await page.GetByLabel("开始日期").FillAsync($"{year}-03-01");
        await page.GetByLabel("结束日期").FillAsync($"{year}-04-10");
        await admin.Button("安排").ClickAsync();
        var window = page.GetByRole(AriaRole.Row, new() { Name = "何嘉瑞" });
        await Expect(window).ToContainTextAsync($"{year}-03-01 至 {year}-04-10");
        await Expect(window).ToContainTextAsync("41");
        await Expect(page.Locator(".cal-bar")).ToHaveCountAsync(1);
        await admin.CheckPageAsync("34-admin-rotations");

        await admin.SectionAsync("奖励表彰", "年度考核");
        await admin.Button("评定考核").ClickAsync();
        await admin.Button("确认评定").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已评定" })).ToContainTextAsync("完成任务");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "杨帆" })).ToContainTextAsync("未完成");
        await admin.CheckPageAsync("35-admin-assessment");

        await admin.SectionAsync("系统管理", "访问令牌");
        await page.GetByLabel("持有人").SelectOptionAsync(new SelectOptionValue { Label = "吴浩然" });
        await page.GetByLabel("用途").FillAsync("办公室电脑");
        await admin.Button("发放").ClickAsync();
        var token = await page.GetByLabel("新令牌").InputValueAsync();
        Assert.StartsWith("ifp_", token);
        await Expect(page.GetByText("令牌只显示这一次", new() { Exact = false })).ToBeVisibleAsync();
        await admin.CheckPageAsync("36-admin-token-issued");
        using (var holder = fx.App.CreateClient(token))
            Assert.True((await holder.GetAsync("api/me")).IsSuccessStatusCode);
        var row = page.GetByRole(AriaRole.Row, new() { Name = "办公室电脑" });
        await row.GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "确认吊销" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "办公室电脑" })).ToContainTextAsync("已吊销");
        using (var holder = fx.App.CreateClient(token))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await holder.GetAsync("api/me")).StatusCode);

        await admin.SectionAsync("系统管理", "运行维护");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "失败的消息" })).ToBeVisibleAsync();
        await admin.Button("立即备份").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "备份完成" }))
            .ToContainTextAsync(ConsoleData.BeijingToday().ToString("yyyy-MM-dd"), new() { Timeout = 60_000 });
        await admin.CheckPageAsync("37-admin-operations");
    }
}
