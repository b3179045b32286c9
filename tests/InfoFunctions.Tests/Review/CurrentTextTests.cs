using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// The report row carries the latest version's text: reading, the list and its search, and the history's statuses
/// as the API names them; reports edited before that are brought up to date by <see cref="CurrentTextUpgrade"/>.
/// </summary>
[Collection("app")]
public sealed class CurrentTextTests(AppFixture fx)
{
    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string q) =>
        (await (await client.GetAsync($"api/reports?q={Uri.EscapeDataString(q)}&pageSize=200")).JsonAsync())
        .GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task An_edit_and_a_revision_are_what_reading_listing_and_searching_show()
    {
        using var officer = await ClientAsync(fx, YangFan);
        var salt = Guid.NewGuid().ToString("N")[..6];
        string first = $"埇桥区人大常委会视察义务教育{salt}", second = $"埇桥区人大常委会专题视察义务教育优质均衡{salt}";
        var id = await SubmitAsync(officer, first, WalkBody("21"));
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(fx, editorId);

        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "saveEdit", "editing", new { title = second, comment = "标题更准确" });
        etag = await OkAsync(editor, id, etag, "return", "returned", new { comment = "请补充参加人数。" });
        var revised = WalkBody("21") + "全区20余名人大代表参加视察。";
        await OkAsync(officer, id, etag, "resubmit", "awaitingEdit", new { body = revised });

        var (report, _) = await GetAsync(officer, id);
        Assert.Equal(second, report.GetProperty("title").GetString());
        Assert.Equal(revised, report.GetProperty("body").GetString());
        Assert.Equal(CharCounter.Count(revised), report.GetProperty("charCount").GetInt32());
        Assert.Equal(3, report.GetProperty("version").GetInt32());

        var found = Assert.Single(await ListAsync(officer, "专题视察义务教育优质均衡" + salt));
        Assert.Equal(id, found.GetProperty("id").GetString());
        Assert.Equal(second, found.GetProperty("title").GetString());
        Assert.Equal(CharCounter.Count(revised), found.GetProperty("charCount").GetInt32());
        Assert.DoesNotContain(await ListAsync(officer, first), r => r.GetProperty("id").GetString() == id);

        // The versions still hold the original, which left the report row at the first edit.
        var versions = (await (await officer.GetAsync($"api/reports/{id}/versions")).JsonAsync()).EnumerateArray()
            .ToList();
        Assert.Equal([first, second, second], versions.Select(v => v.GetProperty("title").GetString()));
        Assert.Equal(["original", "edit", "revision"], versions.Select(v => v.GetProperty("kind").GetString()));
        var diff = await (await officer.GetAsync($"api/reports/{id}/diff")).JsonAsync();
        Assert.Contains(diff.GetProperty("title").EnumerateArray(),
            s => s.GetProperty("op").GetString() == "insert" && s.GetProperty("text").GetString() == "专题");

        // History: statuses as the API writes them, the editor by name.
        var history = (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync()).EnumerateArray()
            .ToList();
        var pass = history.First(e => e.GetProperty("what").GetString() == "passChecks");
        Assert.Equal(("received", "awaitingEdit"), (pass.GetProperty("from").GetString(),
            pass.GetProperty("to").GetString()));
        var editorName = (await (await editor.GetAsync("api/me")).JsonAsync()).GetProperty("name").GetString()!;
        Assert.Contains("分配给编辑" + editorName, pass.GetProperty("why").GetString());
        // Not by id (other tests' editors may carry their id inside their name, so the whole phrase is compared).
        Assert.DoesNotContain("分配给编辑" + editorId + "。", pass.GetProperty("why").GetString());
    }

    [Fact]
    public async Task A_report_edited_before_the_row_carried_the_current_text_is_upgraded()
    {
        using var officer = await ClientAsync(fx, YangFan);
        var salt = Guid.NewGuid().ToString("N")[..6];
        string original = $"旧数据：萧县人大常委会座谈会{salt}", edited = $"旧数据：萧县人大常委会召开代表座谈会{salt}";
        var id = await SubmitAsync(officer, original, WalkBody("22"));
        await WaitForStatusAsync(officer, id, "awaitingEdit");

        // As the earlier code stored an edit: the version row beside the report, the row untouched, statuses
        // in the event written PascalCase.
        var table = fx.Tables.GetTableClient(StorageNames.Tables.Reports);
        var (unit, rowKey) = ReportRows.Beside(id, ReportRows.Version, "0002");
        var version = new TableEntity(unit, rowKey)
        {
            ["Type"] = "version",
            ["Kind"] = "edit",
            ["Title"] = edited,
            ["Who"] = LinXiaowen,
            ["At"] = DateTimeOffset.UtcNow,
            ["Body"] = WalkBody("22") + "（编辑稿）",
        };
        await table.AddEntityAsync(version);
        var row = (await table.GetEntityAsync<TableEntity>(unit, id[(unit.Length + 1)..])).Value;
        row.Remove("Version");
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var (_, eventKey) = ReportRows.Beside(id, ReportRows.Event, "0099");
        await table.AddEntityAsync(new TableEntity(unit, eventKey)
        {
            ["Type"] = "event",
            ["Sequence"] = 99,
            ["What"] = "test",
            ["Who"] = LinXiaowen,
            ["At"] = DateTimeOffset.UtcNow,
            ["From"] = "AwaitingEdit",
            ["To"] = "Editing",
        });
        Assert.Equal(original, (await GetAsync(officer, id)).Report.GetProperty("title").GetString());

        var upgraded = await fx.App.Services.GetRequiredService<CurrentTextUpgrade>().RunAsync(default);
        Assert.True(upgraded >= 1);
        var (report, _) = await GetAsync(officer, id);
        Assert.Equal(edited, report.GetProperty("title").GetString());
        Assert.Equal(2, report.GetProperty("version").GetInt32());
        Assert.Equal(edited, Assert.Single(await ListAsync(officer, edited)).GetProperty("title").GetString());
        var versions = (await (await officer.GetAsync($"api/reports/{id}/versions")).JsonAsync()).EnumerateArray()
            .Select(v => v.GetProperty("title").GetString()).ToList();
        Assert.Equal([original, edited], versions);
        var old = (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync()).EnumerateArray()
            .Single(e => e.GetProperty("what").GetString() == "test");
        Assert.Equal(("awaitingEdit", "editing"), (old.GetProperty("from").GetString(),
            old.GetProperty("to").GetString()));

        // A second run finds nothing left to do.
        Assert.Equal(0, await fx.App.Services.GetRequiredService<CurrentTextUpgrade>().RunAsync(default));
        Assert.True(await fx.App.Services.GetRequiredService<ReportStore>().IsUpgradedAsync(CurrentTextUpgrade.Name,
            default));
    }
}
