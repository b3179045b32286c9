using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Hosting;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// The 通报 for a period with 100,000 reports over 60 units (plus 50,000 in the previous period), on Azurite with its
/// data on disk (seeded through its data file, see <see cref="AzuriteTableFile"/>; the 通报 writes no table, so
/// Azurite's saving of that file stays out of the timings). Reports are stored in ReportStore's layout (each report
/// row is also its first event, as intake stores them). Adoptions (one report in six) and points come from in-memory
/// sources, so the figures are about reading the reports and building the documents. Prints reading vs building vs
/// writing time per run.
/// <c>dotnet run -c Release --project tests/InfoFunctions.Benchmarks -- bulletin [reports=100000] [units=60]
/// [runs=3]</c>
/// </summary>
public static class BulletinBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reportCount = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var unitCount = args.Length > 1 ? int.Parse(args[1]) : 60;
        var runs = args.Length > 2 ? int.Parse(args[2]) : 3;
        Console.WriteLine(BenchApp.MachineLine());
        var data = Directory.CreateTempSubdirectory("bulletin-bench-azurite-");
        try
        {
            return await RunOnAsync(data.FullName, reportCount, unitCount, runs);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<int> RunOnAsync(string location, int reportCount, int unitCount, int runs)
    {
        var period = new DispatchPeriod(2026, 3);
        var rng = new Random(20260501);
        var adoptions = new FixedAdoptions();
        var points = new FixedPoints { From = period.From };
        ServiceProvider Services(Azurite azurite)
        {
            var config = new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["AzureWebJobsStorage"] = azurite.ConnectionString,
                        // A page of a query scans Azurite's whole table: at 150,000 rows, allow more than the 5 s
                        // default.
                        ["Storage:TimeoutSeconds"] = "60",
                    }
                )
                .Build();
            var services = new ServiceCollection().AddLogging();
            services.AddInfoFunctions(config);
            services.AddSingleton<IAdoptionSource>(adoptions);
            services.AddSingleton<IPointsSource>(points);
            return services.BuildServiceProvider();
        }

        // 60 units across the four levels.
        var levels = new[] { UnitLevel.Committee, UnitLevel.Judicial, UnitLevel.County, UnitLevel.Township };
        var units = Enumerable
            .Range(1, unitCount)
            .Select(i => new Unit($"u{i:D2}", $"第{i}单位人大", levels[i % 4], null, true, DateTimeOffset.UtcNow))
            .ToList();
        var seed = Stopwatch.StartNew();
        var categories = Enum.GetValues<ReportCategory>();
        var reports = new List<Report>();
        void Make(DispatchPeriod p, int n)
        {
            var span = (p.To - p.From).TotalSeconds;
            for (var i = 0; i < n; i++)
            {
                // Uneven volumes: lower-numbered units write more.
                var u = units[(int)(Math.Pow(rng.NextDouble(), 1.6) * unitCount)];
                var at = p.From.AddSeconds(rng.NextDouble() * span);
                var deputy = rng.Next(20) == 0;
                reports.Add(
                    new Report(
                        ReportIds.New(u.Id, at),
                        $"2026-{reports.Count + 1:D5}",
                        u.Id,
                        $"{u.Name}信息第{i}篇",
                        "正文。",
                        categories[Math.Min(rng.Next(8), 4)],
                        [
                            new ReportAuthor($"p-{u.Id}-{rng.Next(5)}", $"信息员{rng.Next(5)}", null, false),
                            .. deputy ? new[] { new ReportAuthor($"d-{rng.Next(40)}", "代表", null, true) } : [],
                        ],
                        null,
                        Channel.Web,
                        [],
                        ReportStatus.Received,
                        3,
                        "bench",
                        at
                    )
                );
            }
        }
        Make(period, reportCount);
        Make(period.Previous, reportCount / 2);

        // The units and the first report through the app's stores; the other reports, in ReportStore's layout,
        // through Azurite's data file (each insert through the API costs Azurite the size of the partition).
        // As intake stores them: the report row is event 1.
        var rows = reports.Select(r => ReportRows.ToEntity(r with { LastEvent = 1 })).ToList();
        await using (var first = await Azurite.StartAsync(location))
        await using (var sp = Services(first))
        {
            var tables = sp.GetRequiredService<TableServiceClient>();
            foreach (var t in StorageNames.All(typeof(StorageNames.Tables)))
                await tables.CreateTableIfNotExistsAsync(t);
            foreach (var u in units)
                await sp.GetRequiredService<UnitStore>().AddAsync(u, default);
            await sp.GetRequiredService<ReportStore>().CreateAsync(reports[0], default);
            await AzuriteTableFile.WaitUntilSavedAsync(location, StorageNames.Tables.Reports, rows[..1]);
        }
        AzuriteTableFile.Append(location, StorageNames.Tables.Reports, rows[..1], rows[1..]);
        await using var azurite = await Azurite.StartAsync(location);
        await using var app = Services(azurite);
        await app.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(StorageNames.Containers.Bulletins)
            .CreateIfNotExistsAsync();
        foreach (var r in reports.Where(r => rng.Next(6) == 0))
        {
            var tier = rng.Next(3) == 0 ? CarrierTier.Provincial : CarrierTier.Municipal;
            adoptions.Items.Add(
                new AdoptionRecord(
                    r.Id,
                    r.UnitId,
                    r.Category,
                    r.Authors.Select(a => new BulletinAuthor(a.PersonId, a.Name, a.IsDeputy)).ToList(),
                    tier.ToString(),
                    tier == CarrierTier.Provincial ? "省人大外网" : "宿州人大",
                    tier,
                    r.SubmittedAt.AddDays(3)
                )
            );
            points.Items.Add(
                new PointsRecord(
                    r.UnitId,
                    r.Authors[0].PersonId,
                    r.Authors[0].Name,
                    tier == CarrierTier.Provincial ? 50 : 20
                )
            );
        }
        Console.WriteLine(
            $"通报 benchmark: {reportCount:N0} reports in {period.Id} and {reportCount / 2:N0} in "
                + $"{period.Previous.Id} over {unitCount} units, seeded in {seed.Elapsed.TotalSeconds:0.0} s; "
                + $"{adoptions.Items.Count(a => period.Contains(a.AdoptedAt)):N0} adoptions in the period."
        );

        var service = app.GetRequiredService<BulletinService>();
        var totals = new List<double>();
        var results = new Table(
            "run",
            "total ms",
            "reading storage ms",
            "building (figures, docx, xlsx) ms",
            "writing blobs ms",
            "submitted",
            "adopted"
        );
        for (var run = 1; run <= runs; run++)
        {
            var total = Stopwatch.StartNew();
            var (b, timing) = await service.GenerateAsync(period, notify: false, default);
            total.Stop();
            totals.Add(total.Elapsed.TotalSeconds);
            results.Row(
                $"{run}",
                $"{total.Elapsed.TotalMilliseconds:0}",
                $"{timing.Reading.TotalMilliseconds:0}",
                $"{timing.Building.TotalMilliseconds:0}",
                $"{timing.Writing.TotalMilliseconds:0}",
                $"{b.Totals.Submitted}",
                $"{b.Totals.Adopted}"
            );
        }
        results.Print();
        var slowest = totals.Max();
        Console.WriteLine(
            $"Target: every run under 10 s → {(slowest < 10 ? "met" : "NOT met")} " + $"(slowest {slowest:0.0} s)."
        );
        return slowest < 10 ? 0 : 1;
    }

    private sealed class FixedAdoptions : IAdoptionSource
    {
        public List<AdoptionRecord> Items { get; } = [];

        public Task<IReadOnlyList<AdoptionRecord>> LoadAsync(
            DateTimeOffset from,
            DateTimeOffset to,
            CancellationToken ct
        ) =>
            Task.FromResult<IReadOnlyList<AdoptionRecord>>(
                Items.Where(a => a.AdoptedAt >= from && a.AdoptedAt < to).ToList()
            );
    }

    private sealed class FixedPoints : IPointsSource
    {
        public List<PointsRecord> Items { get; } = [];
        public DateTimeOffset From { get; init; }

        // Points are all credited to the benchmark period; the previous period has none.
        public Task<IReadOnlyList<PointsRecord>> LoadAsync(
            DateTimeOffset from,
            DateTimeOffset to,
            CancellationToken ct
        ) => Task.FromResult<IReadOnlyList<PointsRecord>>(from == From ? Items : []);
    }
}
