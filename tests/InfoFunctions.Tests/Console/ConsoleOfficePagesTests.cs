using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// The office's other pages, each used once the way the office uses it: the editor's 约稿 and targets, the
/// 《信息专刊》 and the 好信息评选; the admin's standard preview, 轮岗, year-end assessment, tokens, backups and the
/// outcomes of received mail.
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
    public async Task An_admin_previews_a_standard_arranges_a_rotation_assesses_the_year_manages_tokens_and_reads_mail()
    {
        // Mail through the real webhook, processed while the admin works: 杨帆's report and the same mail again, a
        // bounce, and 20 auto-replies (with the others, more than one page of the list).
        var stamp = Guid.NewGuid().ToString("N")[..4];
        var reportSubject = "埇桥区人大代表督办民生实事" + stamp;
        var messageId = Guid.NewGuid().ToString("N");
        var mailIds = new List<string>();
        for (var i = 0; i < 2; i++)
            mailIds.Add(await ConsoleData.PostMailAsync(fx, "yang.fan@example.org", "杨帆", reportSubject,
                WalkBody("23"), messageId: messageId));
        const string bounceSubject = "Undelivered Mail Returned to Sender";
        mailIds.Add(await ConsoleData.PostMailAsync(fx, "MAILER-DAEMON@mail.example.com", "Mail Delivery System",
            bounceSubject, "This is the mail system. Your message could not be delivered."));
        for (var i = 1; i <= 20; i++)
            mailIds.Add(await ConsoleData.PostMailAsync(fx, "zhang.wei@example.com", "张伟", $"自动回复：出差中（{i}）",
                "您好，我正在出差，回来后回复您。", "Auto-Submitted: auto-replied\r\n"));

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

        // 收到的邮件: each mail with its outcome in Chinese, 20 to a page.
        var lastReceived = DateTimeOffset.MinValue;
        using (var api = fx.Client(ConsoleFixture.AdminPerson))
            await Eventually.HoldsAsync(async () =>
            {
                var list = await (await api.GetAsync("api/mailbox/mail?pageSize=200")).JsonAsync();
                var settled = list.GetProperty("items").EnumerateArray().Where(m =>
                    mailIds.Contains(m.GetProperty("mailId").GetString()!) &&
                    m.GetProperty("outcome").GetString() is not ("received" or "processing")).ToList();
                if (settled.Count < mailIds.Count) return false;
                lastReceived = settled.Max(m => m.GetProperty("receivedAt").GetDateTimeOffset());
                return true;
            }, "the posted mail is processed");
        await page.ReloadAsync();
        var mail = page.Locator("section.card",
            new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "收到的邮件" }) });
        var rows = mail.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(20);
        await admin.CheckPageAsync("38-admin-mail-outcomes");
        await mail.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotDir, "mail-outcomes.png") });
        await mail.GetByRole(AriaRole.Button, new() { Name = "更多" }).ClickAsync();
        await Expect(rows.Filter(new() { HasText = "自动回复：出差中" })).ToHaveCountAsync(20);
        await Expect(mail.GetByRole(AriaRole.Button, new() { Name = "更多" })).ToHaveCountAsync(0);
        // The mail and the same bytes again (sender and subject as the original's): both link the one report the
        // mail made, by its tracking number.
        var report = rows.Filter(new() { HasText = reportSubject });
        await Expect(report).ToHaveCountAsync(2);
        var accepted = report.Filter(new() { HasText = "已成稿" });
        var again = report.Filter(new() { HasText = "重复邮件" });
        await Expect(again).ToContainTextAsync("杨帆 yang.fan@example.org");
        await Expect(again).ToContainTextAsync("与先前收到的邮件内容完全相同");
        var link = accepted.GetByRole(AriaRole.Link);
        await Expect(link).ToHaveTextAsync(new Regex(@"^\d{4}-\d{4}$"));
        await Expect(again.GetByRole(AriaRole.Link)).ToHaveTextAsync(await link.TextContentAsync() ?? "");
        await Expect(rows.Filter(new() { HasText = "自动回复：出差中（1）" })).ToContainTextAsync("张伟 zhang.wei@example.com");

        await mail.GetByLabel("处理结果").SelectOptionAsync(new SelectOptionValue { Label = "退信" });
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(bounceSubject);
        await Expect(rows).ToContainTextAsync("退信");
        await admin.CheckPageAsync("39-admin-mail-bounces");

        // Days are Beijing days: none from tomorrow; an end before the start is refused at its field.
        var day = DateOnly.FromDateTime(lastReceived.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await mail.GetByLabel("处理结果").SelectOptionAsync(new SelectOptionValue { Label = "全部" });
        await mail.GetByLabel("收到日期从").FillAsync(day.AddDays(1).ToString("yyyy-MM-dd"));
        await Expect(mail.GetByText("没有符合条件的邮件。")).ToBeVisibleAsync();
        await mail.GetByLabel("收到日期至").FillAsync(day.ToString("yyyy-MM-dd"));
        await Expect(mail.GetByLabel("收到日期至")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(mail).ToContainTextAsync("结束日期不能早于开始日期。");
        await mail.GetByLabel("收到日期从").FillAsync(day.ToString("yyyy-MM-dd"));
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(rows.First).ToContainTextAsync(day.ToString("yyyy-MM-dd"));
        await admin.CheckPageAsync("40-admin-mail-by-day");

        await link.ClickAsync();
        await Expect(admin.Heading(reportSubject)).ToBeVisibleAsync();
    }
}
