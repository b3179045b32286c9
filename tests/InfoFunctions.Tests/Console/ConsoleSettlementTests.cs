using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// The admin settles the last closed half-year in the console: confirms the run, leaves the page while it
/// runs and comes back to its result, reads the statements, downloads the payout workbook and marks it paid.
/// </summary>
[Collection("console")]
public sealed class ConsoleSettlementTests(ConsoleFixture fx)
{
    [Fact]
    public async Task An_admin_runs_a_settlement_downloads_the_payout_sheet_and_marks_it_paid()
    {
        // Adoptions in the half-year that closed last, as review puts them on the ledger queue.
        var period = HalfYear.Of(DateTimeOffset.UtcNow).Previous;
        var day = new DateTimeOffset(period.FirstDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await LedgerAsync($"console-settle-xu-{period.Key}", "xx~console-settle-1", "XX-0001", "xx",
            new LedgerAuthor("demo-xu-zhenyu", "许振宇", null), "ah-dbzs", day);
        await LedgerAsync($"console-settle-lv-{period.Key}", "lb~console-settle-2", "LB-0001", "lb",
            new LedgerAuthor("demo-lv-guodong", "吕国栋", null), "sz-rd", day.AddDays(20));

        await using var admin = await ConsoleSession.SignInAsync(fx, ConsoleFixture.AdminPerson);
        var page = admin.Page;
        await admin.SectionAsync("奖励表彰", "半年结算");
        await Expect(page.GetByLabel("半年度")).ToHaveValueAsync(period.Key);
        var status = page.Locator(".settlement-status");
        await Expect(status).ToHaveTextAsync("未结算");

        // The run asks first.
        await admin.Button("结算").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Group, new() { Name = "结算" });
        await Expect(confirm).ToContainTextAsync($"结算{period.DisplayName}？");
        await Expect(admin.Button("确认结算")).ToBeFocusedAsync();
        await admin.CheckPageAsync("26-admin-settlement-confirm");
        await admin.Button("确认结算").ClickAsync();

        // Leave the page at once and come back: the run's result is there, and the settlement as stored.
        await admin.SectionAsync("系统管理", "访问令牌");
        await admin.SectionAsync("奖励表彰", "半年结算");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "结算完成" }))
            .ToContainTextAsync(new Regex(@"结算完成：\d+ 人，\d+\.\d{2} 元"));
        await Expect(status).ToHaveTextAsync("已结算");
        var xu = page.GetByRole(AriaRole.Row, new() { Name = "许振宇" });
        await Expect(xu).ToContainTextAsync("200.00 元");
        await xu.GetByRole(AriaRole.Button, new() { Name = "查看许振宇的结算明细" }).ClickAsync();
        await Expect(xu).ToContainTextAsync("《代表之声》");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "吕国栋" })).ToContainTextAsync("30.00 元");

        var (name, bytes) = await admin.DownloadAsync(admin.Button("下载发放表（Excel）"));
        Assert.Equal($"{period.DisplayName}信息奖励发放表.xlsx", name);
        Assert.Contains(("许振宇", 200m), PayoutRows(bytes));
        Assert.Contains(("吕国栋", 30m), PayoutRows(bytes));

        await admin.Button("标记已发放").ClickAsync();
        await admin.Button("确认已发放").ClickAsync();
        await Expect(status).ToHaveTextAsync("已发放");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(重新)?结算$") })).ToHaveCountAsync(0);
        await admin.CheckPageAsync("27-admin-settlement-paid");
        var stored = await (await fx.Admin.GetAsync($"api/rewards/settlements/{period.Key}")).JsonAsync();
        Assert.Equal("paid", stored.GetProperty("summary").GetProperty("status").GetString());
    }

    private async Task LedgerAsync(string eventId, string reportId, string tracking, string unitId, LedgerAuthor author,
        string carrierId, DateTimeOffset at)
    {
        var message = new LedgerMessage(eventId, LedgerEventKind.Adoption, reportId, tracking, unitId, [author], at,
            ConsoleFixture.Editor, CarrierId: carrierId, Title: "萧县人大常委会开展专题视察");
        await fx.App.Queues.GetQueueClient(StorageNames.Queues.Ledger).SendMessageAsync(Json.Serialize(message));
        var period = HalfYear.Of(at).Key;
        await Eventually.HoldsAsync(async () =>
        {
            var ledger = await (await fx.Admin.GetAsync(
                $"api/rewards/ledger?period={period}&personId={author.PersonId}")).JsonAsync();
            return ledger.GetProperty("lines").EnumerateArray()
                .Any(l => l.GetProperty("eventId").GetString() == eventId);
        }, $"ledger line for {eventId}");
    }

    /// <summary>(姓名, 奖励（元）) of each person row of the workbook's 个人 sheet.</summary>
    private static List<(string, decimal)> PayoutRows(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var book = doc.WorkbookPart!;
        var sheet = book.Workbook.Descendants<Sheet>().Single(s => s.Name == "个人");
        var part = (WorksheetPart)book.GetPartById(sheet.Id!);
        var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
            .Select(i => i.InnerText).ToList() ?? [];
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.InnerText)]
            : c.InnerText;
        var rows = new List<(string, decimal)>();
        foreach (var row in part.Worksheet.Descendants<Row>().Skip(1))
        {
            var cells = row.Elements<Cell>().Select(Text).ToList();
            if (cells.Count > 6 && decimal.TryParse(cells[6], out var amount)) rows.Add((cells[2], amount));
        }
        return rows;
    }
}
