using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using InfoFunctions.Dispatch;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// The leaders' pages: an editor generates this period's 通报 in the console; the leader opens the dashboard
/// (ranking, charts drawn in the browser), downloads the Word 通报, reads the adoption register with its
/// 批示 and searches reports by body text and carrier.
/// </summary>
[Collection("console")]
public sealed class ConsoleLeaderTests(ConsoleFixture fx, ITestOutputHelper output)
{
    private const string Endorsement = "砀山县人大常委会的做法值得推广，请研究室总结经验。";

    [Fact]
    public async Task A_leader_opens_the_dashboard_downloads_the_bulletin_and_reads_the_register()
    {
        var period = DispatchPeriod.Containing(DateTimeOffset.UtcNow);
        var marker = "梨花节" + Guid.NewGuid().ToString("N")[..4];
        var first = await ConsoleData.ReportAsync(fx, "砀山县人大常委会视察酥梨产业发展", marker, adopt: true, Endorsement);
        await ConsoleData.ReportAsync(fx, "砀山县人大代表助力乡村振兴", "果园", adopt: true);
        using var editorApi = fx.Client(ConsoleFixture.Editor);
        var previous = await editorApi.PostAsync($"api/dispatch/bulletins/{period.Previous.Id}/generate", null);
        Assert.Equal(HttpStatusCode.Created, previous.StatusCode);

        // The editor generates this period's 通报 in the console (long work, with its result shown).
        await using (var editor = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Editor))
        {
            await editor.SectionAsync("统计分析", "通报与统计");
            await editor.Button("生成本期通报").ClickAsync();
            await Expect(editor.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已生成" }))
                .ToContainTextAsync($"已生成{period.ChineseName}通报");
        }

        // The leader lands on the dashboard: figures, the ranking with ties, the charts.
        await using var leader = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Leader);
        var page = leader.Page;
        await Expect(leader.Heading("通报与统计")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{period.ChineseName}信息通报" }))
            .ToBeVisibleAsync();
        var ranking = page.Locator("table.ranking");
        var ds = ranking.Locator("tbody tr", new()
        {
            Has = page.GetByRole(AriaRole.Rowheader,
            new() { Name = "砀山县人大常委会", Exact = false })
        });
        await Expect(ds.Locator("td[data-label='名次']")).ToHaveTextAsync("1");
        await Expect(ds.Locator("td[data-label='采用']")).ToHaveTextAsync(new Regex("^[2-9]$"));
        await Expect(ds.Locator("td[data-label='较上期']")).ToHaveTextAsync("上期无数据");
        // Units with nothing adopted share a rank.
        await Expect(ranking.GetByText("并列").First).ToBeVisibleAsync();
        var charts = page.Locator("canvas[role='img']");
        await Expect(charts).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('canvas[role=img]')].every(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
              return false;
            })
            """);
        var visit = await leader.TransferredAsync();
        output.WriteLine($"Leader first visit (sign-in and dashboard with charts, empty cache): {visit.Requests} " +
            $"responses, {visit.BodyBytes / 1024.0:F1} KB compressed");
        await leader.CheckPageAsync("20-leader-dashboard");

        var (name, bytes) = await leader.DownloadAsync(leader.Button("下载 Word 通报"));
        Assert.Equal($"{period.ChineseName}信息通报.docx", name);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
            Assert.Contains("砀山县人大常委会", doc.MainDocumentPart!.Document.Body!.InnerText);
        await Expect(page.GetByText($"已下载 {name}")).ToBeVisibleAsync();
        var (xlsxName, _) = await leader.DownloadAsync(leader.Button("下载 Excel 数据"));
        Assert.Equal($"{period.ChineseName}信息通报.xlsx", xlsxName);

        // The adoption register with the 批示.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "统计分析" })
            .GetByRole(AriaRole.Link, new() { Name = "采用登记" }).ClickAsync();
        await Expect(leader.Heading("采用登记")).ToBeVisibleAsync();
        var row = page.Locator("tbody tr", new() { HasText = first.Tracking });
        await Expect(row).ToContainTextAsync(Endorsement);
        await Expect(row).ToContainTextAsync("市人大常委会主任");
        await Expect(row).ToContainTextAsync("《宿州人大》");
        await leader.CheckPageAsync("21-leader-adoptions");

        // Search across reports: a word only in the body, the carrier that adopted it.
        await leader.NavAsync("全部稿件");
        await page.GetByLabel("标题或正文含").FillAsync(marker);
        await page.GetByLabel("载体").SelectOptionAsync(new SelectOptionValue { Label = "《宿州人大》" });
        await leader.Button("查找").ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody tr")).ToContainTextAsync(first.Tracking);
        await leader.CheckPageAsync("22-leader-search");
        await page.GetByLabel("载体").SelectOptionAsync(new SelectOptionValue { Label = "《代表之声》" });
        await Expect(page.GetByText("没有符合条件的稿件。")).ToBeVisibleAsync();
    }
}
