using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Half-year settlement against merely reading the same ledger lines from Table Storage, in the same
/// run on the same Azurite: 100,000 lines over 300 people and 60 units, rounds interleaved. A second
/// period with half the lines per person (both above a statement's item cap) shows that the live heap
/// of a settlement does not grow with lines per person.
/// The app's services come from the composition root (LocalHost's DI), with no listeners running.
/// <c>dotnet run -c Release --project tests/InfoFunctions.Benchmarks -- rewards [lines=100000] [rounds=3]</c>
/// </summary>
public static class RewardsBenchmark
{
    private const int People = 300,
        Units = 60;

    /// <summary>Azurite saves its data file within 5 s of a change; the rounds wait that out after writing.</summary>
    private static readonly TimeSpan AzuriteSaves = TimeSpan.FromSeconds(7);

    public static async Task<int> RunAsync(string[] args)
    {
        var lines = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 100_000;
        var rounds = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 3;
        Console.WriteLine(BenchApp.MachineLine());
        Console.WriteLine(
            $"Rewards settlement benchmark: {lines:N0} ledger lines over {People} people and "
                + $"{Units} units, {rounds} interleaved rounds; Azurite with its data on disk, seeded through its file."
        );
        var data = Directory.CreateTempSubdirectory("rewards-bench-azurite-");
        try
        {
            return await RunOnAsync(data.FullName, lines, rounds);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<int> RunOnAsync(string location, int lines, int rounds)
    {
        var big = new HalfYear(2025, 1);
        var small = new HalfYear(2025, 2);
        var sw = Stopwatch.StartNew();
        await SeedAsync(location, [(big, lines), (small, lines / 2)]);
        var seedSeconds = sw.Elapsed.TotalSeconds;

        await using var azurite = await Azurite.StartAsync(location);
        var app = await LocalHostApp.BuildAsync(
            [],
            new LocalHostOptions
            {
                Overrides = new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = azurite.ConnectionString,
                    ["Auth__BootstrapAdminToken"] = "bench-bootstrap-admin-token-0123456789",
                    ["Rewards__SettlementSchedule"] = "0 0 0 1 1 *",
                    ["Rewards__AssessmentSchedule"] = "0 0 0 1 1 *",
                },
                Urls = "http://127.0.0.1:0",
                Quiet = true,
            }
        );
        var services = app.Services;
        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        foreach (var t in StorageNames.All(typeof(StorageNames.Tables)))
            await tables.CreateTableIfNotExistsAsync(t);
        foreach (var c in StorageNames.All(typeof(StorageNames.Containers)))
            await blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync();
        foreach (var q in StorageNames.QueuesWithPoison())
            await queues.GetQueueClient(q).CreateIfNotExistsAsync();
        Console.WriteLine(
            $"Seeded {lines:N0} + {lines / 2:N0} lines in {seedSeconds:F1} s; Azurite had loaded them "
                + $"{sw.Elapsed.TotalSeconds:F1} s from the start."
        );

        var ledger = services.GetRequiredService<LedgerStore>();
        var settlement = services.GetRequiredService<SettlementService>();
        Task<Result<SettlementSummary>> Settle(HalfYear p) =>
            settlement.RunAsync(p, SettlementService.Timer, confirmEmpty: false, CancellationToken.None);

        // Warm-up (JIT, connections), not measured.
        await ReadAsync(ledger, small);
        await Settle(small);
        await Task.Delay(AzuriteSaves);

        var reads = new List<double>();
        var settles = new List<double>();
        SettlementSummary? summary = null;
        for (var i = 0; i < rounds; i++)
        {
            var (readSeconds, count) = await TimeAsync(() => ReadAsync(ledger, big));
            reads.Add(readSeconds);
            if (count != lines)
                throw new InvalidOperationException($"read {count} lines, expected {lines}");

            var (settleSeconds, outcome) = await TimeAsync(() => Settle(big));
            settles.Add(settleSeconds);
            if (outcome.Problem is { } problem)
                throw new InvalidOperationException(problem.Detail);
            if (summary is not null && summary.ContentHash != outcome.Value.ContentHash)
                throw new InvalidOperationException("re-run changed the statements");
            summary = outcome.Value;
            await Task.Delay(AzuriteSaves); // the settlement wrote: Azurite's save of its file is not the next read's
        }
        // Memory apart from timing: the live heap, sampled with a full collection every 100 ms, twice
        // each in turn (pooled buffers from an earlier run can otherwise lower one figure).
        long bigPeak = 0,
            smallPeak = 0;
        for (var i = 0; i < 2; i++)
        {
            bigPeak = Math.Max(bigPeak, await LivePeakAsync(() => Settle(big)));
            smallPeak = Math.Max(smallPeak, await LivePeakAsync(() => Settle(small)));
        }
        var readPeak = await LivePeakAsync(() => ReadAsync(ledger, big));

        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var table = new Table("round", "read s", "lines/s read", "settle s", "settle ÷ read");
        for (var i = 0; i < rounds; i++)
            table.Row(
                $"{i + 1}",
                $"{reads[i]:F2}",
                $"{lines / reads[i]:N0}",
                $"{settles[i]:F2}",
                $"{settles[i] / reads[i]:F2}"
            );
        var (read, settle) = (Median(reads), Median(settles));
        table.Row("median", $"{read:F2}", $"{lines / read:N0}", $"{settle:F2}", $"{settle / read:F2}").Print();
        Console.WriteLine(
            $"Settled {summary!.LineCount:N0} lines: {summary.Persons} statements for people, "
                + $"{summary.Units} for units, {summary.PersonYuan:N2} 元 to people (scan + statements + payout "
                + $"XLSX/CSV + {summary.Persons} notices)."
        );
        Console.WriteLine(
            $"Peak live managed heap above start (statements list at most {StatementAggregator.MaxItems} items): "
                + $"settle {bigPeak / 1048576.0:F1} MiB at {lines / People} lines/person, "
                + $"{smallPeak / 1048576.0:F1} MiB at {lines / 2 / People} lines/person; "
                + $"read alone {readPeak / 1048576.0:F1} MiB."
        );
        Console.WriteLine(
            $"Targets: settlement ≤ 1.5 × read → {(settle / read <= 1.5 ? "met" : "NOT met")}; "
                + $"seeding under a minute → {(seedSeconds < 60 ? "met" : "NOT met")}."
        );
        await app.DisposeAsync();
        return settle / read <= 1.5 ? 0 : 1;
    }

    /// <summary>
    /// The periods' lines as the queue worker writes them (a person line and the unit line per fact), each period
    /// marked open. The first line of each goes in through the SDK, the rest through Azurite's data file
    /// (<see cref="AzuriteTableFile"/>: through the API, inserting into a partition of n rows costs Azurite n).
    /// </summary>
    private static async Task SeedAsync(string location, IReadOnlyList<(HalfYear Period, int Count)> periods)
    {
        var all = periods.Select(p => Lines(p.Period, p.Count).Select(LedgerStore.ToEntity).ToList()).ToList();
        var stored = all.Select(l => l[0]).ToList();
        await using (var azurite = await Azurite.StartAsync(location))
        {
            var tables = new TableServiceClient(azurite.ConnectionString);
            await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Ledger);
            await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Settlements);
            foreach (var (period, _) in periods)
                await tables
                    .GetTableClient(StorageNames.Tables.Settlements)
                    .UpsertEntityAsync(new TableEntity(period.Key, "summary") { ["Status"] = "Open" });
            foreach (var e in stored)
                await tables.GetTableClient(StorageNames.Tables.Ledger).AddEntityAsync(e);
            await AzuriteTableFile.WaitUntilSavedAsync(location, StorageNames.Tables.Ledger, stored);
        }
        AzuriteTableFile.Append(location, StorageNames.Tables.Ledger, stored, all.SelectMany(l => l.Skip(1)).ToList());
    }

    private static List<LedgerLine> Lines(HalfYear period, int count)
    {
        var rnd = new Random(period.Half);
        var all = new List<LedgerLine>(count);
        string[] carriers = ["ah-web", "ah-dbzs", "ah-xxzk", "sz-rd", "sz-xxzk"];
        for (var e = 0; all.Count < count; e++)
        {
            var person = rnd.Next(People);
            var unit = person % Units;
            var report = $"u{unit:D2}~r{rnd.Next(20_000):D5}";
            var carrier = carriers[rnd.Next(carriers.Length)];
            var at = period.StartUtc.AddHours(rnd.Next(24 * 180));
            var yuan = carrier switch
            {
                "ah-web" => 50m,
                "sz-rd" => 30m,
                "sz-xxzk" => 20m,
                _ => 200m,
            };
            // The person's line and, while there is room, the unit's line of the same adoption.
            LedgerLine Line(PartyKind kind, string id, string name, int n) =>
                new(period.Key, kind, id, name, $"ev-{period.Key}-{e:D6}", n, LedgerEventKind.Adoption, report,
                    $"TN-{report}", $"稿件{report}", carrier, 1, yuan / 10, yuan, $"{carrier}采用", at);
            all.Add(Line(PartyKind.Person, $"bench-p{person:D3}", $"信息员{person:D3}", 1));
            if (all.Count < count) all.Add(Line(PartyKind.Unit, $"u{unit:D2}", $"u{unit:D2}", 2));
        }
        return all;
    }

    /// <summary>The baseline: every line of the period, every property, nothing else.</summary>
    private static async Task<long> ReadAsync(LedgerStore ledger, HalfYear period)
    {
        long n = 0;
        await foreach (var _ in ledger.ReadRawAsync(period, CancellationToken.None))
            n++;
        return n;
    }

    private static async Task<(double Seconds, T Result)> TimeAsync<T>(Func<Task<T>> work)
    {
        var sw = Stopwatch.StartNew();
        var result = await work();
        return (sw.Elapsed.TotalSeconds, result);
    }

    /// <summary>
    /// The most live heap <paramref name="work"/> held, garbage excluded: full collections while it runs.
    /// </summary>
    private static async Task<long> LivePeakAsync<T>(Func<Task<T>> work)
    {
        await work(); // first, so buffer pools and caches are in their steady state when the baseline is taken
        var start = GC.GetTotalMemory(true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(true) - start);
                try
                {
                    await Task.Delay(100, stop.Token);
                }
                catch (OperationCanceledException) { }
            }
        });
        await work();
        await stop.CancelAsync();
        await sampler;
        return peak;
    }
}
