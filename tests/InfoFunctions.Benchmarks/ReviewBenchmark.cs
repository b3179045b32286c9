using System.Collections.Concurrent;
using System.Diagnostics;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Review latency under a steady load: reports submitted over HTTP at a fixed rate (open loop: one starts every
/// 1/rate s whatever the earlier ones are doing), the whole app running as deployed, on Azurite with its data on
/// disk. Each report passes the format checks, the near-duplicate search over everything received so far, and
/// assignment. Latency is from the report's submission (its "received" time) to the commit of its passChecks event
/// (that row's storage timestamp), i.e. intake → awaiting edit; the first 2 s warm the JIT and caches and are
/// reported apart. Also printed: the rate the pipeline moved reports at (capacity shows in the backlog scenario).
/// <c>dotnet run -c Release --project tests/InfoFunctions.Benchmarks -- review [seconds=60] [rate=50]</c>
/// </summary>
public static class ReviewBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 60;
        var rate = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 50;
        Console.WriteLine(BenchApp.MachineLine());
        // Azurite keeps its data on disk, as LocalHost runs it: in memory, its queue garbage collector
        // stalls the whole emulator for seconds once a minute (its in-memory extent store deletes
        // slowly), which is the emulator's cost, not the pipeline's.
        Console.WriteLine($"Review latency: {rate} reports/s for {seconds} s, open loop; " +
            "LocalHost on Azurite (data on disk).");
        var data = Directory.CreateTempSubdirectory("review-bench-azurite-");
        try { return await RunOnAsync(data.FullName, seconds, rate); }
        finally { data.Delete(recursive: true); }
    }

    private static async Task<int> RunOnAsync(string location, int seconds, int rate)
    {
        await using var azurite = await Azurite.StartAsync(location);
        await using var bench = await BenchApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Azure"] = "Error", // expected 404/409 answers are not news here
        }, timeout: TimeSpan.FromMinutes(2));

        var random = new Random(11);
        var ids = new ConcurrentDictionary<string, int>(); // id → submission index
        var failures = 0;
        var total = seconds * rate;
        var inflight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var n = i;
            var report = ReviewLoad.Report(n, random);
            inflight.Add(Task.Run(async () =>
            {
                if (await ReviewLoad.SubmitAsync(bench.Http, report) is { } id) ids[id] = n;
                else Interlocked.Increment(ref failures);
            }));
        }
        await Task.WhenAll(inflight);
        var submitSeconds = clock.Elapsed.TotalSeconds;
        var drained = await ReviewLoad.WaitForEmptyAsync(azurite, StorageNames.Queues.Review, TimeSpan.FromMinutes(5));
        // The receipts too, so the app stops with nothing in hand (a function cut short by shutdown logs an error).
        await ReviewLoad.WaitForEmptyAsync(azurite, StorageNames.Queues.Notifications, TimeSpan.FromMinutes(5));

        var outcomes = await ReviewLoad.ReadAsync(azurite);
        var warmup = 2 * rate;
        var latencies = new List<double>();
        var warmLatencies = new List<double>();
        var unfinished = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var (id, n) in ids)
        {
            if (outcomes[id] is not { PassedAt: { } at } o) { unfinished++; continue; }
            (n < warmup ? warmLatencies : latencies).Add((at - o.SubmittedAt).TotalMilliseconds);
            if (first is null || o.SubmittedAt < first) first = o.SubmittedAt;
            if (last is null || at > last) last = at;
        }
        latencies.Sort();
        double P(double q) => ReviewLoad.Quantile(latencies, q);
        var moved = ids.Count - unfinished;
        var movedRate = moved / ((last - first)?.TotalSeconds ?? double.NaN);

        new Table("offered/s", "submitted", "submitted/s", "moved/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "warm-up max ms", "unfinished")
            .Row($"{rate}", $"{ids.Count}", $"{ids.Count / submitSeconds:0.0}", $"{movedRate:0.0}", $"{P(0.50):0}",
                $"{P(0.90):0}", $"{P(0.99):0}", $"{P(1.0):0}", $"{warmLatencies.DefaultIfEmpty(0).Max():0}",
                $"{unfinished}")
            .Print();
        if (failures > 0 || !drained)
            Console.WriteLine($"Incomplete: {failures} submissions failed, queue drained {drained}.");
        var ok = unfinished == 0 && failures == 0 && P(0.99) < 1000;
        Console.WriteLine($"Target p99 < 1 s over the {latencies.Count} reports after warm-up → " +
            (ok ? "met." : "NOT met."));
        return ok ? 0 : 1;
    }
}
