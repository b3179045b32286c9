using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Intake throughput through LocalHost on Azurite against the raw rate of the minimal storage work
/// a report needs, done directly with the SDK, in the same run; storage operations per report;
/// and the memory a 25 MB mail costs.
/// </summary>
public static class IntakeBenchmark
{
    private const int Clients = 16;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : (int)Phase.TotalSeconds;
        Console.WriteLine(BenchApp.MachineLine());
        var phase = TimeSpan.FromSeconds(seconds);
        Console.WriteLine(
            $"Intake benchmark: {Clients} concurrent clients, {seconds} s per phase, LocalHost on Azurite (in-memory)."
        );
        await using var azurite = await Azurite.StartAsync(location: null);
        var counter = new StorageCounter();
        // Intake alone (and the mail parser, for the large mail): what the review pipeline and the mailer do
        // afterwards is not intake's cost.
        await using var bench = await BenchApp.StartAsync(
            azurite,
            BenchApp.OnlyListening("ParseInboundMail"),
            BenchApp.Counted(counter, azurite)
        );
        var http = bench.Http;

        var photo = new byte[200 * 1024];
        new Random(7).NextBytes(photo);
        photo[0] = 0xFF;
        photo[1] = 0xD8;
        photo[2] = 0xFF;
        photo[3] = 0xE0;
        var body =
            "埇桥区人大常委会组织代表开展集中视察活动，实地察看重点项目建设情况，听取有关部门汇报，提出意见建议十二条。";

        // Raw rate: the minimal storage work per report, straight through the SDK (uncounted clients).
        // Azurite's insert cost grows with the size of the partition (it scans it; the service does
        // not), so the raw rows go into the same partition as the officer's reports and both pay alike.
        var tables = new TableServiceClient(azurite.ConnectionString);
        var rawTable = tables.GetTableClient(StorageNames.Tables.Reports);
        var rawQueue = new QueueClient(
            azurite.ConnectionString,
            "bench-raw",
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }
        );
        await rawQueue.CreateIfNotExistsAsync();
        var rawBlobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(
            StorageNames.Containers.Attachments
        );

        Func<int, Task> rawJsonWork = async i =>
        {
            var id = Guid.NewGuid().ToString("N");
            await rawTable.AddEntityAsync(
                new TableEntity("yq", "raw-" + id)
                {
                    ["Type"] = "raw",
                    ["Title"] = "标题",
                    ["Body"] = body,
                }
            );
            await rawQueue.SendMessageAsync(id);
        };
        Func<int, Task> rawMultipartWork = async i =>
        {
            var id = Guid.NewGuid().ToString("N");
            await rawBlobs.GetBlobClient($"raw-{id}/photo.jpg").UploadAsync(new BinaryData(photo));
            await rawTable.AddEntityAsync(
                new TableEntity("yq", "raw-" + id)
                {
                    ["Type"] = "raw",
                    ["Title"] = "标题",
                    ["Body"] = body,
                }
            );
            await rawQueue.SendMessageAsync(id);
        };
        Func<int, Task> JsonWork(bool idempotencyKey) =>
            async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports")
                {
                    Content = JsonContent.Create(
                        new
                        {
                            title = $"基准测试稿件{i}",
                            body,
                            category = "日常动态",
                        }
                    ),
                };
                if (idempotencyKey)
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await http.SendAsync(request);
                if (response.StatusCode != System.Net.HttpStatusCode.Created)
                    throw new InvalidOperationException(
                        $"JSON intake: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
                    );
            };
        Func<int, Task> multipartWork = async i =>
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent($"基准测试图片稿件{i}"), "title" },
                { new StringContent(body), "body" },
                { new StringContent("日常动态"), "category" },
            };
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "files", "视察现场.jpg");
            using var response = await http.PostAsync("api/reports", form);
            if (response.StatusCode != System.Net.HttpStatusCode.Created)
                throw new InvalidOperationException(
                    $"multipart intake: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
                );
        };

        // The machine is shared, so load drifts: phases are interleaved in rounds and summed,
        // which keeps each intake figure next to its raw baseline in time.
        var phases = new (string Name, Func<int, Task> Work, bool Counted)[]
        {
            ("rawJson", rawJsonWork, false),
            ("json", JsonWork(idempotencyKey: true), true),
            ("jsonNoKey", JsonWork(idempotencyKey: false), true),
            ("rawMultipart", rawMultipartWork, false),
            ("multipart", multipartWork, true),
        };
        var totals = phases.ToDictionary(p => p.Name, _ => (Count: 0, Seconds: 0.0, Ops: 0L));
        var kinds = phases.ToDictionary(p => p.Name, _ => new Dictionary<string, long>());
        const int rounds = 3;
        for (var round = 0; round < rounds; round++)
            foreach (var (name, work, counted) in phases)
            {
                var r = await MeasureAsync(phase / rounds, work, onWarmupDone: counter.Reset);
                var t = totals[name];
                totals[name] = (t.Count + r.Count, t.Seconds + r.Count / r.Rate, t.Ops + (counted ? counter.Work : 0));
                foreach (var (k, v) in counter.ByKind)
                    kinds[name][k] = kinds[name].GetValueOrDefault(k) + (counted ? v : 0);
            }
        Result R(string n) => new(totals[n].Count, totals[n].Count / totals[n].Seconds);
        double Ops(string n) => totals[n].Ops / (double)totals[n].Count;
        var rawJson = R("rawJson");
        var json = R("json");
        var jsonNoKey = R("jsonNoKey");
        var rawMultipart = R("rawMultipart");
        var multipart = R("multipart");
        var jsonOps = Ops("json");
        var multipartOps = Ops("multipart");
        var jsonKinds = kinds["json"];
        var multipartKinds = kinds["multipart"];

        // Tracking numbers handed out in the run: unique?
        var numbers = new HashSet<string>();
        var duplicates = 0;
        await foreach (
            var e in tables
                .GetTableClient(StorageNames.Tables.Reports)
                .QueryAsync<TableEntity>("Type eq 'report'", select: ["TrackingNumber"])
        )
            if (!numbers.Add(e.GetString("TrackingNumber")))
                duplicates++;

        var memory = await LargeMailMemoryAsync(http, tables);

        Console.WriteLine();
        string Ratio(double x) => x.ToString("P0", CultureInfo.InvariantCulture);
        string Fixed(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
        string Rate(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
        new Table("phase", "reports", "reports/s", "vs raw", "storage ops/report")
            .Row("raw SDK: entity + queue", $"{rawJson.Count}", Rate(rawJson.Rate), "", "2")
            .Row("raw SDK: blob 200 KB + entity + queue", $"{rawMultipart.Count}", Rate(rawMultipart.Rate), "", "3")
            .Row("intake JSON (with Idempotency-Key)", $"{json.Count}", Rate(json.Rate),
                Ratio(json.Rate / rawJson.Rate), Fixed(jsonOps))
            .Row("intake JSON, no Idempotency-Key", $"{jsonNoKey.Count}", Rate(jsonNoKey.Rate),
                Ratio(jsonNoKey.Rate / rawJson.Rate), Fixed(Ops("jsonNoKey")))
            .Row("intake multipart, 200 KB photo", $"{multipart.Count}", Rate(multipart.Rate),
                Ratio(multipart.Rate / rawMultipart.Rate), Fixed(multipartOps))
            .Print();
        string Met(bool ok) => ok ? "met" : "NOT met";
        Console.WriteLine(
            $"Targets: JSON ≥ 50% of raw → {Met(Math.Min(json.Rate, jsonNoKey.Rate) / rawJson.Rate >= 0.5)} "
                + $"(with and without a key); multipart ≥ 60% → {Met(multipart.Rate / rawMultipart.Rate >= 0.6)}; "
                + $"≤ 5 ops per JSON report → {Met(jsonOps <= 5)}."
        );
        Console.WriteLine($"Tracking numbers: {numbers.Count} reports, {duplicates} duplicate numbers.");
        Console.WriteLine();
        Console.WriteLine("Storage operations per JSON report, by kind (queue polling by listeners excluded):");
        foreach (var (k, v) in jsonKinds.OrderByDescending(x => x.Value))
            Console.WriteLine($"  {k,-40} {v / (double)json.Count,6:0.00}");
        Console.WriteLine("Storage operations per multipart report, by kind:");
        foreach (var (k, v) in multipartKinds.OrderByDescending(x => x.Value))
            Console.WriteLine($"  {k,-40} {v / (double)multipart.Count,6:0.00}");
        Console.WriteLine();
        Console.WriteLine(memory);

        return 0;
    }

    private sealed record Result(int Count, double Rate);

    /// <summary>Runs <paramref name="work"/> from 16 concurrent loops: a short warm-up, then a timed phase.</summary>
    private static async Task<Result> MeasureAsync(TimeSpan phase, Func<int, Task> work, Action? onWarmupDone = null)
    {
        var seq = 0;
        async Task Loop(DateTime until)
        {
            while (DateTime.UtcNow < until)
                await work(Interlocked.Increment(ref seq));
        }
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Loop(DateTime.UtcNow + Warmup)));
        onWarmupDone?.Invoke();
        var start = seq;
        var sw = Stopwatch.StartNew();
        var until = DateTime.UtcNow + phase;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Loop(until)));
        sw.Stop();
        var count = seq - start;
        return new Result(count, count / sw.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Posts a 25 MB mail with three attachments from disk and samples the managed heap until it is parsed.
    /// </summary>
    private static async Task<string> LargeMailMemoryAsync(HttpClient http, TableServiceClient tables)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-big-{Guid.NewGuid():N}.eml");
        try
        {
            WriteLargeMail(path, "yang.fan@example.org", 25 * 1024 * 1024);
            var size = new FileInfo(path).Length;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(true);
            long peak = baseline;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes);
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    await Task.Delay(5);
                }
            });
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var sw = Stopwatch.StartNew();
            await using var file = File.OpenRead(path);
            using var form = new MultipartFormDataContent
            {
                {
                    new StringContent("{\"to\":[\"xinxi@inbound.example.org\"],\"from\":\"yang.fan@example.org\"}"),
                    "envelope"
                },
                { new StreamContent(file), "email" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail") { Content = form };
            request.Headers.Add("x-functions-key", "bench-function-key");
            using var response = await http.SendAsync(request);
            var webhookMs = sw.ElapsedMilliseconds;
            var mailId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mailId").GetString()!;
            var mailbox = tables.GetTableClient(StorageNames.Tables.Mailbox);
            string? status = null;
            while (sw.Elapsed < TimeSpan.FromMinutes(2))
            {
                var e = await mailbox.GetEntityIfExistsAsync<TableEntity>("mail", mailId);
                status = e.HasValue ? e.Value!.GetString("Status") : null;
                if (status is "Accepted" or "Quarantined" or "Unusable")
                    break;
                await Task.Delay(100);
            }
            stop.Cancel();
            await sampler;
            var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var held = peak - baseline;
            return $"25 MB mail: {size / 1048576.0:0.0} MB raw, 3 attachments → status {status}; "
                + $"webhook answered in {webhookMs} ms, parsed by {sw.ElapsedMilliseconds} ms.\n"
                + $"  managed heap peak above baseline: {held / 1048576.0:0.0} MB = "
                + $"{held / (double)size:0.00}× the mail "
                + "(whole process: Azurite client, LocalHost and this driver);\n"
                + $"  bytes allocated meanwhile (not held at once): {allocated / 1048576.0:0} MB.";
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteLargeMail(string path, string from, long targetBytes)
    {
        var each = (long)(targetBytes / 3 * 0.74);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\r\n" };
        w.WriteLine($"From: <{from}>");
        w.WriteLine("To: xinxi@inbound.example.org");
        w.WriteLine(
            $"Subject: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("大附件：区人大常委会视察照片"))}?="
        );
        w.WriteLine($"Message-ID: <bench-big-{Guid.NewGuid():N}@example.org>");
        w.WriteLine("MIME-Version: 1.0");
        w.WriteLine("Content-Type: multipart/mixed; boundary=\"b\"");
        w.WriteLine();
        w.WriteLine("--b");
        w.WriteLine("Content-Type: text/plain; charset=UTF-8");
        w.WriteLine();
        w.WriteLine("区人大常委会组织代表视察重点项目建设，照片见附件。");
        var rng = new Random(1);
        var buffer = new byte[57 * 1000];
        for (var i = 0; i < 3; i++)
        {
            w.WriteLine("--b");
            w.WriteLine("Content-Type: image/jpeg");
            w.WriteLine("Content-Transfer-Encoding: base64");
            w.WriteLine(
                $"Content-Disposition: attachment; filename*=UTF-8''{Uri.EscapeDataString($"视察照片{i + 1}.jpg")}"
            );
            w.WriteLine();
            for (long written = 0; written < each;)
            {
                var n = (int)Math.Min(buffer.Length, each - written);
                rng.NextBytes(buffer);
                if (written == 0)
                {
                    buffer[0] = 0xFF;
                    buffer[1] = 0xD8;
                    buffer[2] = 0xFF;
                    buffer[3] = 0xE0;
                }
                for (var off = 0; off < n; off += 57)
                    w.WriteLine(Convert.ToBase64String(buffer, off, Math.Min(57, n - off)));
                written += n;
            }
        }
        w.WriteLine("--b--");
    }
}
