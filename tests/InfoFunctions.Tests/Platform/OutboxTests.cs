using System.Net;
using Azure.Data.Tables;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Review;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace InfoFunctions.Tests.Platform;

/// <summary>
/// The outbox end to end: a queue send that fails right after a commit (as when the process dies there) costs a
/// delay, never the message; the sweep sends it once the queue answers, and leaves no mark behind.
/// </summary>
public sealed class OutboxTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BreakableQueues _queues = new();
    private Azurite _azurite = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: null);
        _app = await TestApp.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Outbox__SweepSchedule"] = "*/2 * * * * *",
            ["Outbox__AgeSeconds"] = "2",
        }, s => _queues.Register(s, _azurite.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private TableClient Table(string name) => _app.Tables.GetTableClient(name);

    private async Task<HttpClient> OfficerAsync()
    {
        using var admin = _app.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        return await ClientAsync(ReviewTestSupport.YangFan);
    }

    private async Task<HttpClient> ClientAsync(string personId)
    {
        using var admin = _app.CreateAdminClient();
        var issued = await admin.PostJsonAsync("api/tokens", new { personId, label = "outbox" });
        return _app.CreateClient((await issued.JsonAsync()).GetProperty("token").GetString());
    }

    private async Task<List<string>> MarksAsync()
    {
        var marks = new List<string>();
        await foreach (var m in Table(StorageNames.Tables.OutboxMarks).QueryAsync<TableEntity>()) marks.Add(m.RowKey);
        return marks;
    }

    [Fact]
    public async Task A_report_stored_but_never_queued_for_review_reaches_awaiting_edit_through_the_sweep()
    {
        using var officer = await OfficerAsync();
        _queues.Break(StorageNames.Queues.Review);
        var failed = await officer.PostJsonAsync("api/reports", new
        {
            title = "埇桥区人大常委会开展专题视察（发件箱）",
            body = ReviewTestSupport.WalkBody("07"),
            category = "dailyNews",
        });
        output.WriteLine($"submission while the queue fails: {(int)failed.StatusCode}");
        Assert.NotEqual(HttpStatusCode.Created, failed.StatusCode);

        // The insert happened: the report sits in Received, its unit and minute marked for the sweep.
        var reports = Table(StorageNames.Tables.Reports);
        TableEntity? stored = null;
        await foreach (var e in reports.QueryAsync<TableEntity>("Type eq 'report'")) stored = e;
        Assert.NotNull(stored);
        Assert.Equal("Received", stored!.GetString("Status"));
        Assert.Contains(await MarksAsync(), m => m.StartsWith($"s|{StorageNames.Tables.Reports}|yq|"));

        _queues.Heal();
        await Eventually.HoldsAsync(async () =>
            (await reports.GetEntityAsync<TableEntity>(stored.PartitionKey, stored.RowKey)).Value
                .GetString("Status") == nameof(ReportStatus.AwaitingEdit), "the report reaches awaiting edit");
        await Eventually.HoldsAsync(async () => (await MarksAsync()).Count == 0, "every mark read and retired");
    }

    [Fact]
    public async Task An_adoption_whose_ledger_fact_and_notice_were_not_sent_reaches_both_through_the_sweep()
    {
        using var officer = await OfficerAsync();
        using var signer = await ClientAsync(ReviewTestSupport.ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await ClientAsync(ReviewTestSupport.GaoJianguo);
        using (var admin = _app.CreateAdminClient())
            Assert.True((await admin.PostAsync("api/rewards/standards/demo", null)).IsSuccessStatusCode);
        var id = await ReviewTestSupport.SubmitAsync(officer, "萧县人大常委会听取代表意见（发件箱）", ReviewTestSupport.WalkBody("08"));
        var etag = await ReviewTestSupport.WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await ReviewTestSupport.GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(editorId);
        etag = await ReviewTestSupport.OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await ReviewTestSupport.OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await ReviewTestSupport.OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await ReviewTestSupport.OkAsync(leaderSigner, id, etag, "signOff", "signedOff");
        etag = await ReviewTestSupport.OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new[] { new { carrierId = "ah-web" } } });

        // The adoption commits; its ledger fact and the author's notice cannot be queued.
        _queues.Break(StorageNames.Queues.Ledger, StorageNames.Queues.Notifications);
        await ReviewTestSupport.OkAsync(editor, id, etag, "adopt", "adopted",
            new { adoption = new { carrierId = "ah-web", adoptedOn = ReviewTestSupport.Today } });
        ReportIds.TryParse(id, out var unit, out _);
        var pending = new List<TableEntity>();
        await foreach (var row in Table(StorageNames.Tables.Reports).QueryAsync<TableEntity>(OutboxRows.In(unit)))
            pending.Add(row);
        Assert.Single(pending);

        _queues.Heal();
        var ledger = _app.Services.GetRequiredService<InfoFunctions.Rewards.ReportLedgerStore>();
        await Eventually.HoldsAsync(async () => (await ledger.ListAppliedAsync(id, default))
            .Any(a => a.Message.Kind == LedgerEventKind.Adoption), "the adoption reaches the ledger");
        var outbox = _app.Services.GetRequiredService<InfoFunctions.Notifications.Outbox>();
        await Eventually.HoldsAsync(async () => (await outbox.ListAsync(100, default))
            .Any(m => m.Template == InfoFunctions.Notifications.Templates.Adopted && m.IdempotencyKey.StartsWith(id)),
            "the adoption notice is sent");
        await Eventually.HoldsAsync(async () =>
        {
            var left = 0;
            await foreach (var _ in Table(StorageNames.Tables.Reports).QueryAsync<TableEntity>(OutboxRows.In(unit)))
                left++;
            return left == 0;
        }, "the outbox row is gone");
        output.WriteLine($"outbox row sent by the sweep: {pending[0].RowKey}");
    }
}
