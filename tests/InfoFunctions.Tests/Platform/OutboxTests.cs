using System.Net;
using Azure.Data.Tables;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
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
        var issued = await admin.PostJsonAsync("api/tokens", new { personId = "demo-yang-fan", label = "outbox" });
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
            body = InfoFunctions.Tests.Review.ReviewTestSupport.WalkBody("07"),
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
}
