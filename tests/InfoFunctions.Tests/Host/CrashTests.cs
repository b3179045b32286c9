using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Host;

/// <summary>
/// LocalHost as a process of its own on an Azurite that keeps its data on disk (Azurite itself is never stopped):
/// killed with SIGKILL in the middle of a burst, or stopped with Ctrl-C with every queue busy. Short leases, claims
/// and sweeps make recovery quick.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Prepared = 100, Submissions = 300;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "infofunctions-crash-" + Guid.NewGuid().ToString("N"));
    private Azurite _azurite = null!;

    private static readonly Dictionary<string, string?> QuickRecovery = new()
    {
        ["LocalHost__MessageLeaseSeconds"] = "5",
        ["Outbox__SweepSchedule"] = "*/2 * * * * *",
        ["Outbox__AgeSeconds"] = "6",
        ["Notifications__ClaimSeconds"] = "10",
    };

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private TableClient Table(string name) => new TableServiceClient(_azurite.ConnectionString).GetTableClient(name);

    [Fact]
    public async Task Kill_9_during_a_burst_of_submissions_and_adoptions_loses_nothing_and_doubles_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var first = await LocalHostProcess.StartAsync(_azurite.ConnectionString, QuickRecovery);
        var (officerToken, editorToken) = await SetUpAsync(first);
        var today = BusinessTime.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");

        // 100 reports walked to "forwarded", ready to be adopted.
        var forwarded = new ConcurrentDictionary<string, string>();
        using (var officer = first.CreateClient(officerToken))
        using (var editor = first.CreateClient(editorToken))
            await Parallel.ForEachAsync(Enumerable.Range(0, Prepared), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (i, _) =>
                {
                    var id = await SubmitAsync(officer, $"崩溃测试待采用稿件 {i:D3}", WalkBody($"{i % 28 + 1:D2}"));
                    var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
                    foreach (var (action, status) in new[] { ("startEdit", "editing"), ("submitForReview", "awaitingReview"),
                                 ("approve", "awaitingSignOff"), ("signOff", "signedOff") })
                        etag = await OkAsync(editor, id, etag, action, status);
                    forwarded[id] = await OkAsync(editor, id, etag, "forward", "forwarded",
                        new { carriers = new[] { new { carrierId = "ah-web" } } });
                });
        output.WriteLine($"{Prepared} reports walked to forwarded in {clock.Elapsed.TotalSeconds:0} s");

        // The burst: 300 submissions and 100 adoptions at once; kill -9 after a random number of answers.
        var operations = Enumerable.Range(0, Submissions).Select(i => (Submission: (int?)i, Adoption: (string?)null))
            .Concat(forwarded.Keys.Select(id => (Submission: (int?)null, Adoption: (string?)id)))
            .OrderBy(_ => Random.Shared.Next()).ToList();
        var killAfter = Random.Shared.Next(operations.Count / 10, operations.Count * 3 / 4);
        var answered = 0;
        var acknowledged = new ConcurrentDictionary<string, bool>();
        using (var officer = first.CreateClient(officerToken))
        using (var editor = first.CreateClient(editorToken))
            await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (op, _) =>
            {
                try
                {
                    var ok = op.Submission is { } n
                        ? await SubmitOnceAsync(officer, n) is HttpStatusCode.Created or HttpStatusCode.OK
                        : (await AdoptOnceAsync(editor, op.Adoption!, forwarded[op.Adoption!], today)).Done;
                    if (ok) acknowledged[Key(op)] = true;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
                if (Interlocked.Increment(ref answered) == killAfter) first.Kill();
            });
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var lostSubmissions = Enumerable.Range(0, Submissions).Where(n => !acknowledged.ContainsKey($"s{n}")).ToList();
        var lostAdoptions = forwarded.Keys.Where(id => !acknowledged.ContainsKey(id)).ToList();
        output.WriteLine($"killed after {killAfter} of {operations.Count} requests had finished: " +
            $"{acknowledged.Count} acknowledged, {lostSubmissions.Count} submissions and {lostAdoptions.Count} " +
            "adoptions not acknowledged");

        // Restarted; the clients retry what was not acknowledged, with the same keys and ETags.
        await using var second = await LocalHostProcess.StartAsync(_azurite.ConnectionString, QuickRecovery);
        var restarted = clock.Elapsed;
        int replayed = 0, committedBeforeTheCrash = 0;
        using (var officer = second.CreateClient(officerToken))
        using (var editor = second.CreateClient(editorToken))
        {
            foreach (var n in lostSubmissions)
                if (await RetryAsync(() => SubmitOnceAsync(officer, n), s => s is HttpStatusCode.Created or HttpStatusCode.OK)
                    == HttpStatusCode.OK) replayed++;
            foreach (var id in lostAdoptions)
                if ((await RetryAsync(() => AdoptOnceAsync(editor, id, forwarded[id], today), a => a.Done)).AlreadyDone)
                    committedBeforeTheCrash++;
        }
        output.WriteLine($"after restart: {lostSubmissions.Count - replayed} submissions created, {replayed} replayed " +
            $"(stored before the crash); {lostAdoptions.Count - committedBeforeTheCrash} adoptions applied, " +
            $"{committedBeforeTheCrash} found already committed (412 showing the adoption)");

        var state = await Eventually.SettlesAsync(() => CountAsync(forwarded.Keys.ToHashSet()), s => s.Complete, 120);
        output.WriteLine($"settled {(clock.Elapsed - restarted).TotalSeconds:0} s after the restart:");
        output.WriteLine($"  adoptions acknowledged {Prepared}, ledger adoption facts {state.AdoptionFacts} " +
            $"(reports with more than one: {state.DoubledAdoptionFacts}), ledger lines {state.LedgerLines} " +
            $"(reports whose lines come from more than one event: {state.DuplicateLedgerLines})");
        output.WriteLine($"  new reports {state.Reports} for {Submissions} keys (keys with more than one report: " +
            $"{state.DoubledReports}); tracking numbers {state.TrackingNumbers}, duplicated {state.DuplicateTrackingNumbers}");
        output.WriteLine($"  new reports in awaiting edit: {state.AwaitingEdit} of {Submissions}");
        output.WriteLine($"  notices in the outbox container: receipts {state.Receipts} of {Submissions}, adoption notices " +
            $"{state.AdoptionNotices} of {Prepared}; sent twice: {state.NoticesSentTwice}");

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

    [Fact]
    public async Task Ctrl_C_with_every_queue_busy_leaves_no_message_hidden()
    {
        string[] queues = [StorageNames.Queues.Review, StorageNames.Queues.MailInbound, StorageNames.Queues.Ledger,
            StorageNames.Queues.Notifications];
        // First the work piles up, with the four queue functions switched off.
        var off = new Dictionary<string, string?>(QuickRecovery);
        foreach (var fn in new[] { "ReviewIntake", "ParseInboundMail", "ApplyLedgerMessage", "SendNotification" })
            off[$"AzureWebJobs.{fn}.Disabled"] = "true";
        await using (var filling = await LocalHostProcess.StartAsync(_azurite.ConnectionString, off))
        {
            var (officerToken, _) = await SetUpAsync(filling);
            using var officer = filling.CreateClient(officerToken);
            using var webhook = filling.CreateClient();
            webhook.DefaultRequestHeaders.Add("x-functions-key", TestApp.FunctionKey);
            var mail = Mailbox.MailboxTestSupport.Fixture("unknown-sender.eml");
            await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, _) =>
                {
                    await SubmitAsync(officer, $"停止测试稿件 {i:D2}", WalkBody($"{i % 28 + 1:D2}"));
                    var distinct = System.Text.Encoding.ASCII.GetBytes($"X-Ctrl-C-Test: {i}\r\n").Concat(mail).ToArray();
                    Assert.True((await webhook.PostAsync("api/inbound/mail", Mailbox.SendGridInbound.Raw(distinct)))
                        .IsSuccessStatusCode);
                });
            filling.Interrupt();
            await filling.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        var service = new Azure.Storage.Queues.QueueServiceClient(_azurite.ConnectionString,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) =>
            {
                await service.GetQueueClient(StorageNames.Queues.Notifications).SendMessageAsync(Json.Serialize(
                    InfoFunctions.Notifications.NotificationMessage.Create($"ctrl-c:{i}",
                        InfoFunctions.Notifications.Templates.Receipt,
                        InfoFunctions.Notifications.NotificationTo.Address($"ctrl-c-{i}@example.org"),
                        new { title = "停止测试", trackingNumber = $"CC-{i}", unitName = "埇桥区", submittedAt = "2026-11-30 09:00" })),
                    ct);
                await service.GetQueueClient(StorageNames.Queues.Ledger).SendMessageAsync(Json.Serialize(new LedgerMessage(
                    $"ctrl-c-{i}", LedgerEventKind.Adoption, $"yq~ctrl-c-{i}", $"CC-{i}", "yq",
                    [new LedgerAuthor(YangFan, "杨帆", null)], DateTimeOffset.UtcNow, "test", CarrierId: "ah-web")), ct);
            });
        var before = new Dictionary<string, int>();
        foreach (var q in queues) before[q] = await CountAsync(service, q);

        // Then a host whose leases last ten minutes (a message it kept would stay hidden that long) starts on it,
        // and gets Ctrl-C as soon as every queue has finished a message, with more in flight.
        var lease = new Dictionary<string, string?>(QuickRecovery) { ["LocalHost__MessageLeaseSeconds"] = "600" };
        await using (var working = await LocalHostProcess.StartAsync(_azurite.ConnectionString, lease))
        {
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var q in queues)
                    if (await CountAsync(service, q) >= before[q]) return false;
                return true;
            }, "every queue being worked on", 60);
            working.Interrupt();
            await working.WaitForExitAsync(TimeSpan.FromSeconds(40));
        }

        // A send the host wrote just before it exited may still land: count once the queues are still.
        var settled = "";
        await Eventually.HoldsAsync(async () =>
        {
            var counts = string.Join(",", await Task.WhenAll(queues.Select(q => CountAsync(service, q))));
            if (counts == settled) return true;
            settled = counts;
            await Task.Delay(1000);
            return false;
        }, "queues still", 30);
        foreach (var q in queues)
        {
            var (visible, pickedUp) = await VisibleAsync(service, q);
            var total = await CountAsync(service, q); // all of them, the ones just received included
            output.WriteLine($"{q}: {before[q]} queued before, {total} left after Ctrl-C, {visible} of them visible " +
                $"({pickedUp} given back by the stopping host), {total - visible} hidden");
            Assert.Equal(total, visible);
        }
    }

    private static async Task<int> CountAsync(Azure.Storage.Queues.QueueServiceClient service, string queue) =>
        (await service.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>
    /// The messages visible now, and how many of them had been picked up before, counted by receiving them all
    /// (which hides them; the test is over).
    /// </summary>
    private static async Task<(int Visible, int PickedUp)> VisibleAsync(
        Azure.Storage.Queues.QueueServiceClient service, string queue)
    {
        int n = 0, picked = 0;
        while ((await service.GetQueueClient(queue).ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value
               is { Length: > 0 } batch)
        {
            n += batch.Length;
            picked += batch.Count(m => m.DequeueCount > 1);
        }
        return (n, picked);
    }

    private static string Key((int? Submission, string? Adoption) op) => op.Submission is { } n ? $"s{n}" : op.Adoption!;

    private static async Task<HttpStatusCode> SubmitOnceAsync(HttpClient officer, int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports")
        {
            Content = JsonContent.Create(new { title = $"崩溃测试新稿件 {n:D3}", body = WalkBody($"{n % 28 + 1:D2}"),
                category = "dailyNews" }),
        };
        request.Headers.Add("Idempotency-Key", $"crash-{n}");
        using var response = await officer.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>An adoption is done when it answers 200, or 412 with the adoption already in the current state.</summary>
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

    private static async Task<(string Officer, string Editor)> SetUpAsync(LocalHostProcess host)
    {
        using var admin = host.CreateClient(TestApp.AdminToken);
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        Assert.True((await admin.PostAsync("api/rewards/standards/demo", null)).IsSuccessStatusCode);
        async Task<string> TokenAsync(string personId) => (await (await admin.PostJsonAsync("api/tokens",
            new { personId, label = "crash test" })).JsonAsync()).GetProperty("token").GetString()!;
        return (await TokenAsync(YangFan), await TokenAsync(ZhouMingyuan));
    }

    private sealed record Counts(
        int AdoptionFacts, int DoubledAdoptionFacts, int LedgerLines, int DuplicateLedgerLines,
        int Reports, int DoubledReports, int TrackingNumbers, int DuplicateTrackingNumbers, int AwaitingEdit,
        int Receipts, int AdoptionNotices, int NoticesSentTwice)
    {
        public bool Complete => AdoptionFacts >= Prepared && AwaitingEdit >= Submissions && Receipts >= Submissions
            && AdoptionNotices >= Prepared;
    }

    /// <summary>What storage holds: reports, the ledger's facts and lines, and the emails in the outbox container.</summary>
    private async Task<Counts> CountAsync(HashSet<string> adoptedReports)
    {
        var reports = new List<TableEntity>();
        await foreach (var e in Table(StorageNames.Tables.Reports).QueryAsync<TableEntity>("Type eq 'report'",
            select: ["PartitionKey", "RowKey", "Title", "Status", "TrackingNumber"]))
            reports.Add(e);
        var fresh = reports.Where(r => r.GetString("Title").StartsWith("崩溃测试新稿件")).ToList();
        var tracking = reports.Select(r => r.GetString("TrackingNumber")).ToList();

        var facts = new List<(string Report, string Kind)>();
        await foreach (var e in Table(StorageNames.Tables.LedgerReports).QueryAsync<TableEntity>(
            "RowKey ge 'e|' and RowKey lt 'e}'", select: ["Message"]))
        {
            var m = Json.Deserialize<LedgerMessage>(e.GetString("Message"))!;
            if (adoptedReports.Contains(m.ReportId)) facts.Add((m.ReportId, m.Kind.ToString()));
        }
        var adoptionFacts = facts.Where(f => f.Kind == nameof(LedgerEventKind.Adoption)).ToList();
        var lines = new List<(string Report, string Event, string Party)>();
        await foreach (var e in Table(StorageNames.Tables.Ledger).QueryAsync<TableEntity>(
            select: ["ReportId", "EventId", "PartyKind", "PartyId", "LineNo"]))
            if (adoptedReports.Contains(e.GetString("ReportId")))
                lines.Add((e.GetString("ReportId"), e.GetString("EventId"),
                    $"{e.GetString("PartyKind")}|{e.GetString("PartyId")}|{e.GetInt32("LineNo")}"));

        var container = new BlobServiceClient(_azurite.ConnectionString)
            .GetBlobContainerClient(StorageNames.Containers.Outbox);
        var names = new List<string>();
        await foreach (var b in container.GetBlobsAsync())
            if (b.Name.EndsWith(".json", StringComparison.Ordinal)) names.Add(b.Name);
        var sent = new ConcurrentBag<(string Key, string Template, string To)>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, ct) =>
        {
            var json = JsonDocument.Parse((await container.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content
                .ToString()).RootElement;
            sent.Add((json.GetProperty("idempotencyKey").GetString()!, json.GetProperty("template").GetString()!,
                json.GetProperty("to").GetString()!));
        });
        var freshTracking = fresh.Select(r => "receipt:" + r.GetString("TrackingNumber")).ToHashSet();

        return new Counts(
            adoptionFacts.Count, adoptionFacts.GroupBy(f => f.Report).Count(g => g.Count() > 1),
            lines.Count, lines.GroupBy(l => l.Report).Count(g => g.Select(l => l.Event).Distinct().Count() > 1),
            fresh.Count, fresh.GroupBy(r => r.GetString("Title")).Count(g => g.Count() > 1),
            tracking.Count, tracking.Count - tracking.Distinct().Count(),
            fresh.Count(r => r.GetString("Status") == "AwaitingEdit"),
            sent.Where(s => freshTracking.Contains(s.Key)).Select(s => s.Key).Distinct().Count(),
            adoptedReports.Count(id => sent.Any(s => s.Template == InfoFunctions.Notifications.Templates.Adopted
                && s.Key.StartsWith(id + "~e", StringComparison.Ordinal))),
            sent.Count - sent.Distinct().Count());
    }
}
