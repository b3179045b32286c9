using System.Globalization;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Review;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// The whole path of a report through the console, by the people who do it, in the browser only:
/// submit on a phone with two photos → edit and return → fix and resubmit → approve → sign off →
/// forward and record the adoption with evidence.
/// </summary>
[Collection("console")]
public sealed class ConsoleWalkTests(ConsoleFixture fx, ITestOutputHelper output)
{
    private const string Title = "埇桥区人大常委会开展义务教育优质均衡专题视察";
    private const string Body =
        "11月20日，埇桥区人大常委会组织部分区人大代表，围绕全区义务教育优质均衡发展开展专题视察。代表们先后来到城区新建学校、" +
        "农村寄宿制学校和教师周转房建设现场，实地察看办学条件改善、课后服务开展和教师队伍建设情况，并召开座谈会听取区教育局工作汇报。" +
        "代表们建议，要加快补齐农村学校办学短板，完善教师交流轮岗机制，持续提升课后服务质量，让城乡孩子共享优质教育资源。";

    [Fact]
    public async Task A_report_goes_from_a_phone_to_an_adoption_through_the_console()
    {
        // A colleague's earlier report on the same visit, so intake flags ours as a near-duplicate.
        using var colleague = fx.Client(ConsoleFixture.Colleague);
        var earlier = await ReviewTestSupport.SubmitAsync(colleague, "埇桥区人大代表视察义务教育均衡发展",
            Body.Replace("11月20日", "11月19日"));
        using var editorApi = fx.Client(ConsoleFixture.Editor);
        await ReviewTestSupport.WaitForStatusAsync(editorApi, earlier, "awaitingEdit");

        // 1. The officer, on a phone, submits with two captioned photos.
        await using var officer = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Officer, phone: true);
        var page = officer.Page;
        await Expect(officer.Heading("报送稿件")).ToBeVisibleAsync();
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(Title);
        await Expect(page.GetByText($"{Title.Length} / 60 字")).ToBeVisibleAsync();
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync(Body);
        await page.GetByLabel("选择图片").SetInputFilesAsync(new[]
        {
            Photo("视察现场.png", (200, 60, 40)),
            Photo("座谈会.png", (40, 90, 200)),
        });
        // Two photos and no caption yet: the same check intake runs says so beside the photos.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "图片", Exact = true }).Locator(".field-error"))
            .ToContainTextAsync("稿件附有 2 张图片，正文中只有 0 条图片说明");
        await page.GetByLabel("图片 1 说明").FillAsync("代表们在农村寄宿制学校察看学生宿舍");
        await page.GetByLabel("图片 2 说明").FillAsync("视察组召开座谈会听取汇报");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "提交前检查" })).ToHaveCountAsync(0);
        var firstVisit = await officer.TransferredAsync();
        await officer.CheckPageAsync("01-officer-submit-phone");

        await officer.Button("报送").ClickAsync();
        await Expect(page.GetByText("报送成功")).ToBeVisibleAsync();
        var tracking = await page.Locator(".success .tracking").InnerTextAsync();
        Assert.Matches(@"^\d{4}-\d{4}$", tracking);
        await officer.Link("查看稿件").ClickAsync();
        await Expect(page.Locator(".summary .tracking")).ToHaveTextAsync(tracking);
        await Expect(page.Locator(".attachments img")).ToHaveCountAsync(2);
        await Expect(page.Locator(".report-body")).ToContainTextAsync("图为代表们在农村寄宿制学校察看学生宿舍");
        // The thumbnails are real pictures loaded from Blob Storage through short-lived links.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.attachments img')].every(i => i.complete && i.naturalWidth > 0)");
        await AssertBeijingTimeAsync(page);
        await officer.CheckPageAsync("02-officer-report-phone");
        var reportId = Uri.UnescapeDataString(new Uri(page.Url).Fragment["#/reports/".Length..]);

        output.WriteLine("Officer first visit (sign-in and 报送稿件 page, empty cache): " +
            $"{firstVisit.Requests} responses, " +
            $"{firstVisit.BodyBytes / 1024.0:F1} KB compressed");
        Assert.True(firstVisit.BodyBytes <= 300 * 1024, $"first visit transferred {firstVisit.BodyBytes} bytes");

        // 2. The editor sees it in the queue with the near-duplicate warning, edits it and returns it.
        await using var editor = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Editor);
        var ep = editor.Page;
        await Expect(editor.Heading("编辑待办")).ToBeVisibleAsync();
        await editor.ReloadUntilVisibleAsync(editor.Link(Title));
        await editor.CheckPageAsync("03-editor-queue");
        await editor.Link(Title).ClickAsync();
        await Expect(ep.GetByText("疑似重复稿件")).ToBeVisibleAsync();
        await Expect(editor.Link("查看相似稿件")).ToHaveAttributeAsync("href", "#/reports/" + Uri.EscapeDataString(earlier));
        await editor.Button("开始编辑").ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("编辑中");
        var edited = Body.Replace("并召开座谈会听取区教育局工作汇报。", "并召开座谈会，听取区教育局关于义务教育优质均衡发展情况的汇报。");
        await ep.GetByLabel("正文", new() { Exact = true }).FillAsync(edited + "\n图为代表们在农村寄宿制学校察看学生宿舍\n图为视察组召开座谈会听取汇报");
        await editor.Button("保存编辑稿").ClickAsync();
        await Expect(ep.GetByText("已保存编辑稿。")).ToBeVisibleAsync();
        var sides = ep.Locator(".side-by-side > section");
        await Expect(sides.Nth(1)).ToContainTextAsync("听取区教育局关于义务教育优质均衡发展情况的汇报");
        await Expect(sides.Nth(0)).ToContainTextAsync("听取区教育局工作汇报");
        await Expect(sides.Nth(1).Locator("ins").First).ToBeVisibleAsync();
        await editor.CheckPageAsync("04-editor-edit-diff");
        await ep.GetByText("退回修改", new() { Exact = true }).ClickAsync();
        await ep.GetByLabel("退回意见").FillAsync("请补充视察发现的主要问题和代表提出建议的具体数量。");
        await editor.Button("确认退回修改").ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("退回修改");

        // 3. The officer reads the comment and the editor's changes, fixes the text and resubmits.
        await officer.NavAsync("本单位稿件");
        await officer.Link(Title).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Note).Filter(new() { HasText = "退回意见" }))
            .ToContainTextAsync("请补充视察发现的主要问题和代表提出建议的具体数量。");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "修改对照" })).ToBeVisibleAsync();
        var revised = (await page.GetByLabel("正文", new() { Exact = true }).InputValueAsync())
            .Replace("代表们建议，", "代表们共提出意见建议12条，主要集中在农村学校师资不足等方面。代表们建议，");
        await page.GetByLabel("正文", new() { Exact = true }).FillAsync(revised);
        await officer.CheckPageAsync("05-officer-resubmit-phone");
        await officer.Button("修改重报").ClickAsync();
        await Expect(officer.Status).ToHaveTextAsync("待编辑");

        // 4. The editor starts again, sends it to review and approves it.
        await ep.ReloadAsync();
        await editor.Button("开始编辑").ClickAsync();
        await Expect(ep.Locator(".edit-grid")).ToContainTextAsync("代表们共提出意见建议12条");
        await editor.Button("送审改").ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("待审改");
        await editor.Button("审改通过").ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("待签发");

        // 5. The signer finds it in the sign-off queue, reads the edited text and history, and signs it off.
        await using var signer = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Signer);
        var sp = signer.Page;
        await Expect(signer.Heading("签发待办")).ToBeVisibleAsync();
        await signer.Link(Title).ClickAsync();
        await Expect(sp.Locator(".report-body")).ToContainTextAsync("代表们共提出意见建议12条");
        await Expect(sp.Locator(".timeline")).ToContainTextAsync("审改通过");
        await signer.CheckPageAsync("06-signer-sign-off");
        await signer.Button("签发").ClickAsync();
        await Expect(signer.Status).ToHaveTextAsync("已签发");

        // 6. The editor forwards it and records the adoption with a screenshot as evidence.
        await ep.ReloadAsync();
        await ep.GetByLabel("省人大外网").CheckAsync();
        await editor.Button("报送").ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("已报送");
        await ep.GetByLabel("期次").FillAsync("2026年第11期");
        await ep.GetByLabel("采用证明（截图或扫描件）").SetInputFilesAsync(new FilePayload
        {
            Name = "省人大外网截图.png",
            MimeType = "image/png",
            Buffer = TestImages.Png(200, 140, (30, 120, 60)),
        });
        await ep.Locator("form").GetByRole(AriaRole.Button, new() { Name = "登记采用" }).ClickAsync();
        await Expect(editor.Status).ToHaveTextAsync("已采用");
        var row = ep.Locator("table.list tr", new() { HasText = "省人大外网" });
        await Expect(row).ToContainTextAsync("已采用");
        await Expect(row).ToContainTextAsync("2026年第11期");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "采用证明" })).ToBeVisibleAsync();
        await editor.CheckPageAsync("07-editor-adopted");

        // What the officer sees at the end is the same report, adopted.
        var (report, _) = await ReviewTestSupport.GetAsync(editorApi, reportId);
        Assert.Equal("adopted", report.GetProperty("status").GetString());
        Assert.Equal(2, report.GetProperty("attachments").GetArrayLength());
    }

    private static FilePayload Photo(string name, (byte, byte, byte) colour) =>
        new() { Name = name, MimeType = "image/png", Buffer = TestImages.Png(160, 120, colour) };

    /// <summary>A time shown is the Beijing time of the instant in its datetime attribute, whatever the zone.</summary>
    private static async Task AssertBeijingTimeAsync(IPage page)
    {
        var time = page.Locator("time").First;
        var instant = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var beijing = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await Expect(time).ToHaveTextAsync(beijing.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        var device = await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone");
        Assert.Equal("America/New_York", device);
    }
}
