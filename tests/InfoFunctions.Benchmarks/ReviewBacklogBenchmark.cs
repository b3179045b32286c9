using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Review capacity against intake, side by side in one run on one Azurite (data on disk): reports go through
/// JSON intake (16 clients) while every queue and timer function is off, so they wait as a backlog; then the app
/// starts again with only the review step listening (<c>AzureWebJobs.ReviewIntake.Disabled</c> lifted) and the
/// backlog drains. Printed: both rates and their ratio, storage operations per report in each step (counted as
/// intake's are: the host's receiving and deleting of queue messages apart), and how evenly the 5 editors on duty
/// were assigned.
/// <c>dotnet run -c Release --project tests/InfoFunctions.Benchmarks -- backlog [reports=1000]</c>
/// </summary>
public static class ReviewBacklogBenchmark
{
    private const int Clients = 16, WarmUp = 32;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1000;
        Console.WriteLine(BenchApp.MachineLine());
        Console.WriteLine($"Review backlog: {count} reports through JSON intake ({Clients} clients) with the review " +
            "step off, then the review step alone drains them; LocalHost on Azurite (data on disk).");
        var data = Directory.CreateTempSubdirectory("review-backlog-azurite-");
        try { return await RunOnAsync(data.FullName, count); }
        finally { data.Delete(recursive: true); }
    }

    private static async Task<int> RunOnAsync(string location, int count)
    {
        await using var azurite = await Azurite.StartAsync(location);

        // 1. Intake with nothing listening: the reports wait in the review queue.
        var intakeCounter = new StorageCounter();
        var intakeSettings = Quiet(BenchApp.OnlyListening());
        double intakeSeconds;
        int failed;
        await using (var intake = await BenchApp.StartAsync(azurite, intakeSettings,
            BenchApp.Counted(intakeCounter, azurite), TimeSpan.FromMinutes(2)))
        {
            await AddEditorsAsync(intake, 2); // the demo directory has 3
            await SubmitAsync(intake.Http, 0, WarmUp);
            intakeCounter.Reset();
            var sw = Stopwatch.StartNew();
            failed = await SubmitAsync(intake.Http, WarmUp, count);
            intakeSeconds = sw.Elapsed.TotalSeconds;
        }

        // 2. The review step alone, on the backlog.
        var reviewCounter = new StorageCounter();
        var reviewSettings = Quiet(BenchApp.OnlyListening("ReviewIntake"));
        reviewSettings["Storage__EnsureCreated"] = "false"; // made by the first start; not the review step's work
        var started = DateTimeOffset.UtcNow;
        bool drained;
        await using (await BenchApp.StartAsync(azurite, reviewSettings, BenchApp.Counted(reviewCounter, azurite),
            TimeSpan.FromMinutes(2), seed: false))
            drained = await ReviewLoad.WaitForEmptyAsync(azurite, StorageNames.Queues.Review, TimeSpan.FromMinutes(15));

        var outcomes = (await ReviewLoad.ReadAsync(azurite)).Values.ToList();
        var passed = outcomes.Where(o => o.PassedAt is not null).ToList();
        var reviewSeconds = passed.Count == 0 ? double.NaN
            : (passed.Max(o => o.PassedAt!.Value) - started).TotalSeconds;
        var intakeRate = count / intakeSeconds;
        var reviewRate = passed.Count / reviewSeconds;
        var intakeOps = intakeCounter.Work / (double)count;
        var reviewOps = reviewCounter.Work / (double)outcomes.Count;
        var perEditor = passed.GroupBy(o => o.EditorId ?? "(none)").Select(g => (Editor: g.Key, Count: g.Count()))
            .OrderBy(x => x.Editor, StringComparer.Ordinal).ToList();
        var most = perEditor.Count == 0 ? 0 : perEditor.Max(x => x.Count);
        var least = perEditor.Count == 0 ? 0 : perEditor.Min(x => x.Count);

        new Table("step", "reports", "seconds", "reports/s", "storage ops/report")
            .Row($"intake, JSON, {Clients} clients (review off)", $"{count}", $"{intakeSeconds:0.0}",
                $"{intakeRate:0.0}", $"{intakeOps:0.00}")
            .Row("review step, draining the backlog", $"{passed.Count}", $"{reviewSeconds:0.0}", $"{reviewRate:0.0}",
                $"{reviewOps:0.00}")
            .Row("review ÷ intake", "", "", $"{reviewRate / intakeRate:P0}", "")
            .Print();
        Console.WriteLine($"Editors on duty: {perEditor.Count}; reports each: " +
            string.Join(", ", perEditor.Select(x => $"{x.Editor} {x.Count}")) +
            $"; busiest ÷ least busy {(double)most / least:0.00}.");
        var kinds = reviewCounter.ByKind.OrderByDescending(x => x.Value)
            .Select(x => $"{x.Key} {x.Value / (double)outcomes.Count:0.00}");
        Console.WriteLine("Review step, storage operations per report by kind: " + string.Join(", ", kinds) + ".");
        if (failed > 0 || !drained || passed.Count != outcomes.Count)
            Console.WriteLine($"Incomplete: {failed} submissions failed, queue drained {drained}, " +
                $"{outcomes.Count - passed.Count} of {outcomes.Count} reports not awaiting edit.");
        var met = (Capacity: reviewRate >= intakeRate * 0.5, Ops: reviewOps <= 6, Even: most <= least * 1.10);
        Console.WriteLine($"Targets: review ≥ 50 % of intake → {Met(met.Capacity)}; ≤ 6 storage operations per " +
            $"report in review → {Met(met.Ops)}; busiest editor ≤ 110 % of the least busy → {Met(met.Even)}.");
        return met is (true, true, true) && failed == 0 && drained ? 0 : 1;
    }

    private static string Met(bool ok) => ok ? "met" : "NOT met";

    private static Dictionary<string, string?> Quiet(Dictionary<string, string?> settings)
    {
        settings["Logging__LogLevel__Azure"] = "Error"; // expected 404/409 answers are not news here
        return settings;
    }

    /// <summary>Reports numbered from <paramref name="from"/>, <paramref name="count"/> of them, 16 at once.</summary>
    private static async Task<int> SubmitAsync(HttpClient http, int from, int count)
    {
        var next = from - 1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var i = Interlocked.Increment(ref next); i < from + count; i = Interlocked.Increment(ref next))
                if (await ReviewLoad.SubmitAsync(http, ReviewLoad.Report(i, random)) is null)
                    Interlocked.Increment(ref failed);
        })));
        return failed;
    }

    private static async Task AddEditorsAsync(BenchApp app, int count)
    {
        using var admin = new HttpClient { BaseAddress = app.Http.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchApp.AdminToken);
        for (var i = 1; i <= count; i++)
            (await admin.PostAsJsonAsync("api/people", new
            {
                id = $"bench-editor-{i}",
                name = $"基准编辑{i}",
                email = $"bench.editor{i}@example.org",
                unitId = "sz-yjs",
                roles = new[] { "editor" },
                employment = "fullTime",
            })).EnsureSuccessStatusCode();
    }
}
