using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Host;

/// <summary>
/// kill -9 in the middle of a burst: LocalHost as a process of its own on an Azurite that keeps its data on disk
/// (and is never stopped), restarted, the clients retrying what was not acknowledged. Nothing is lost or doubled.
/// </summary>
public sealed class CrashTests(AzuriteOnDisk storage, ITestOutputHelper output) : IClassFixture<AzuriteOnDisk>
{
    private const int Prepared = 100, Submissions = 300;
    private static readonly ParallelOptions Sixteen = new() { MaxDegreeOfParallelism = 16 };

    [Fact]
    public async Task Kill_9_during_a_burst_of_submissions_and_adoptions_loses_nothing_and_doubles_nothing()
    {
        var clock = Stopwatch.StartNew();
        // One editor-signer walks the prepared reports alone: separation of duties is not what is tested here.
        await using var first = await LocalHostProcess.StartAsync(storage.ConnectionString,
            new Dictionary<string, string?>(LocalHostProcess.QuickRecovery) { ["Review__AllowSelfSignOff"] = "true" });
        var (officerToken, editorToken) = await first.SetUpDemoAsync();

        // 100 reports walked to "forwarded", ready to be adopted.
        var forwarded = new ConcurrentDictionary<string, string>();
        using (var officer = first.CreateClient(officerToken))
        using (var editor = first.CreateClient(editorToken))
            await Parallel.ForEachAsync(Enumerable.Range(0, Prepared), Sixteen, async (i, _) =>
            {
                var id = await SubmitAsync(officer, $"崩溃测试待采用稿件 {i:D3}", WalkBody($"{i % 28 + 1:D2}"));
                var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
                foreach (var (action, status) in new[] { ("startEdit", "editing"),
                             ("submitForReview", "awaitingReview"), ("approve", "awaitingSignOff"),
                             ("signOff", "signedOff") })
                    etag = await OkAsync(editor, id, etag, action, status);
                forwarded[id] = await OkAsync(editor, id, etag, "forward", "forwarded",
                    new { carriers = new[] { new { carrierId = "ah-web" } } });
            });
        output.WriteLine($"{Prepared} reports walked to forwarded in {clock.Elapsed.TotalSeconds:0} s");

        // The burst: 300 submissions and 100 adoptions at once; kill -9 after a random number of answers.
        var operations = Enumerable.Range(0, Submissions).Select(n => $"s{n}").Concat(forwarded.Keys)
            .OrderBy(_ => Random.Shared.Next()).ToList();
        var killAfter = Random.Shared.Next(operations.Count / 10, operations.Count * 3 / 4);
        var answered = 0;
        var acknowledged = new ConcurrentDictionary<string, bool>();
        using (var officer = first.CreateClient(officerToken))
        using (var editor = first.CreateClient(editorToken))
            await Parallel.ForEachAsync(operations, Sixteen, async (op, _) =>
            {
                try
                {
                    if (forwarded.TryGetValue(op, out var etag)
                            ? (await AdoptOnceAsync(editor, op, etag, Today)).Done
                            : Acknowledged(await SubmitOnceAsync(officer, int.Parse(op[1..]))))
                        acknowledged[op] = true;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
                if (Interlocked.Increment(ref answered) == killAfter) first.Kill();
            });
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var lost = operations.Where(op => !acknowledged.ContainsKey(op)).ToList();
        var lostAdoptions = lost.Count(forwarded.ContainsKey);
        output.WriteLine($"killed after {killAfter} of {operations.Count} requests had finished: " +
            $"{acknowledged.Count} acknowledged, {lost.Count - lostAdoptions} submissions and {lostAdoptions} " +
            "adoptions not");

        // Restarted; the clients retry what was not acknowledged, with the same keys and ETags.
        await using var second = await LocalHostProcess.StartAsync(storage.ConnectionString,
            LocalHostProcess.QuickRecovery);
        var restarted = clock.Elapsed;
        int replayed = 0, committedBeforeTheCrash = 0;
        using (var officer = second.CreateClient(officerToken))
        using (var editor = second.CreateClient(editorToken))
            foreach (var op in lost)
                if (forwarded.TryGetValue(op, out var etag))
                    committedBeforeTheCrash += (await RetryAsync(() => AdoptOnceAsync(editor, op, etag, Today),
                        a => a.Done)).AlreadyDone ? 1 : 0;
                else
                    replayed += await RetryAsync(() => SubmitOnceAsync(officer, int.Parse(op[1..])), Acknowledged)
                        == HttpStatusCode.OK ? 1 : 0;
        output.WriteLine($"after restart: {lost.Count - lostAdoptions - replayed} submissions created, {replayed} " +
            $"replayed (stored before the crash); {lostAdoptions - committedBeforeTheCrash} adoptions applied, " +
            $"{committedBeforeTheCrash} found committed before the crash (412 showing the adoption)");

        var state = await Eventually.SettlesAsync(() => CountAsync(forwarded.Keys.ToHashSet()), s => s.Complete, 120);
        output.WriteLine($"settled {(clock.Elapsed - restarted).TotalSeconds:0} s after the restart:");
        output.WriteLine($"  adoptions acknowledged {Prepared}, ledger adoption facts {state.AdoptionFacts} (reports " +
            $"with more than one: {state.DoubledAdoptionFacts}), ledger lines {state.LedgerLines} (reports whose " +
            $"lines come from more than one event: {state.DuplicateLedgerLines})");
        output.WriteLine($"  new reports {state.Reports} for {Submissions} keys (keys with more than one report: " +
            $"{state.DoubledReports}); tracking numbers {state.TrackingNumbers}, " +
            $"duplicated {state.DuplicateTrackingNumbers}; in awaiting edit {state.AwaitingEdit} of {Submissions}");
        output.WriteLine($"  notices in the outbox container: receipts {state.Receipts} of {Submissions}, " +
            $"adoption notices {state.AdoptionNotices} of {Prepared}; sent twice: {state.NoticesSentTwice}");

        Assert.Equal(Prepared, state.AdoptionFacts);
        Assert.Equal(0, state.DoubledAdoptionFacts);
        Assert.Equal(0, state.DuplicateLedgerLines);
        Assert.Equal(Submissions, state.Reports);
        Assert.Equal(0, state.DoubledReports);
        Assert.Equal(0, state.DuplicateTrackingNumbers);
        Assert.Equal(Submissions, state.AwaitingEdit);
        Assert.Equal(Submissions, state.Receipts);
        Assert.Equal(Prepared, state.AdoptionNotices);
    }

    private static bool Acknowledged(HttpStatusCode status) => status is HttpStatusCode.Created or HttpStatusCode.OK;

    private static async Task<HttpStatusCode> SubmitOnceAsync(HttpClient officer, int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports")
        {
            Content = JsonContent.Create(new
            {
                title = $"崩溃测试新稿件 {n:D3}",
                body = WalkBody($"{n % 28 + 1:D2}"),
                category = "dailyNews",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"crash-{n}");
        using var response = await officer.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Done when it answers 200, or 412 with the adoption already in the current state.</summary>
    private static async Task<(bool Done, bool AlreadyDone)> AdoptOnceAsync(HttpClient editor, string id, string etag,
        string day)
    {
        using var response = await ActAsync(editor, id, etag, "adopt",
            new { adoption = new { carrierId = "ah-web", adoptedOn = day } });
        if (response.StatusCode == HttpStatusCode.OK) return (true, false);
        if (response.StatusCode != HttpStatusCode.PreconditionFailed) return (false, false);
        var current = (await response.JsonAsync()).GetProperty("current").GetProperty("report");
        var adopted = current.GetProperty("status").GetString() == "adopted";
        return (adopted, adopted);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<T, bool> done)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                var result = await attempt();
                if (done(result) || tries >= 20) return result;
            }
            catch (Exception ex) when (tries < 20 && ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(500);
        }
    }

    private sealed record Counts(
        int AdoptionFacts, int DoubledAdoptionFacts, int LedgerLines, int DuplicateLedgerLines,
        int Reports, int DoubledReports, int TrackingNumbers, int DuplicateTrackingNumbers, int AwaitingEdit,
        int Receipts, int AdoptionNotices, int NoticesSentTwice)
    {
        public bool Complete => AdoptionFacts >= Prepared && AwaitingEdit >= Submissions && Receipts >= Submissions
            && AdoptionNotices >= Prepared;
    }

    /// <summary>What storage holds: reports, the ledger's facts and lines, the emails in the outbox.</summary>
    private async Task<Counts> CountAsync(HashSet<string> adopted)
    {
        var tables = new TableServiceClient(storage.ConnectionString);
        var reports = new List<TableEntity>();
        await foreach (var e in tables.GetTableClient(StorageNames.Tables.Reports).QueryAsync<TableEntity>(
            "Type eq 'report'", select: ["Title", "Status", "TrackingNumber"]))
            reports.Add(e);
        var fresh = reports.Where(r => r.GetString("Title").StartsWith("崩溃测试新稿件")).ToList();
        var tracking = reports.Select(r => r.GetString("TrackingNumber")).ToList();

        var facts = new List<string>();
        await foreach (var e in tables.GetTableClient(StorageNames.Tables.LedgerReports).QueryAsync<TableEntity>(
            "RowKey ge 'e|' and RowKey lt 'e}'", select: ["Message"]))
            if (Json.Deserialize<LedgerMessage>(e.GetString("Message")) is { Kind: LedgerEventKind.Adoption } m
                && adopted.Contains(m.ReportId)) facts.Add(m.ReportId);
        var lines = new List<(string Report, string Event)>();
        await foreach (var e in tables.GetTableClient(StorageNames.Tables.Ledger).QueryAsync<TableEntity>(
            select: ["ReportId", "EventId"]))
            if (adopted.Contains(e.GetString("ReportId")))
                lines.Add((e.GetString("ReportId"), e.GetString("EventId")));

        var container = new BlobServiceClient(storage.ConnectionString)
            .GetBlobContainerClient(StorageNames.Containers.Outbox);
        var names = new List<string>();
        await foreach (var b in container.GetBlobsAsync())
            if (b.Name.EndsWith(".json", StringComparison.Ordinal)) names.Add(b.Name);
        var sent = new ConcurrentBag<(string Key, string Template, string To)>();
        await Parallel.ForEachAsync(names, Sixteen, async (name, ct) =>
        {
            var json = JsonDocument.Parse((await container.GetBlobClient(name).DownloadContentAsync(ct)).Value
                .Content.ToString()).RootElement;
            sent.Add((json.GetProperty("idempotencyKey").GetString()!, json.GetProperty("template").GetString()!,
                json.GetProperty("to").GetString()!));
        });
        var receipts = fresh.Select(r => "receipt:" + r.GetString("TrackingNumber")).ToHashSet();

        return new Counts(
            facts.Count, facts.GroupBy(f => f).Count(g => g.Count() > 1),
            lines.Count, lines.GroupBy(l => l.Report).Count(g => g.Select(l => l.Event).Distinct().Count() > 1),
            fresh.Count, fresh.GroupBy(r => r.GetString("Title")).Count(g => g.Count() > 1),
            tracking.Count, tracking.Count - tracking.Distinct().Count(),
            fresh.Count(r => r.GetString("Status") == "AwaitingEdit"),
            sent.Where(s => receipts.Contains(s.Key)).Select(s => s.Key).Distinct().Count(),
            adopted.Count(id => sent.Any(s => s.Template == Templates.Adopted
                && s.Key.StartsWith(id + "~e", StringComparison.Ordinal))),
            sent.Count - sent.Distinct().Count());
    }
}
