using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Submissions;

/// <summary>Demo directory loaded once per app, and tokens for a few demo people.</summary>
public static class IntakeTestSupport
{
    public const string YangFan = "demo-yang-fan"; // officer, 埇桥区 (yq)
    public const string QinHaoyu = "demo-qin-haoyu"; // officer, 砀山县 (ds)
    public const string LinXiaowen = "demo-lin-xiaowen"; // editor + officer, 研究室

    /// <summary>A minimal JPEG file (JFIF header and end marker).</summary>
    public static readonly byte[] Jpeg =
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF,
        0xD9,
    ];

    private static readonly ConcurrentDictionary<string, string> Tokens = new();
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> DemoLoaded = [];

    public static async Task<HttpClient> ClientForAsync(AppFixture fx, string personId)
    {
        await Gate.WaitAsync();
        try
        {
            using var admin = fx.CreateAdminClient();
            // Per app (its storage): several suites start apps of their own.
            if (!DemoLoaded.Contains(fx.StorageConnectionString))
            {
                var demo = await admin.PostAsync("api/directory/demo", null);
                Assert.True(demo.IsSuccessStatusCode, await demo.Content.ReadAsStringAsync());
                DemoLoaded.Add(fx.StorageConnectionString);
            }
            if (!Tokens.TryGetValue(fx.StorageConnectionString + "|" + personId, out var token))
            {
                var issued = await admin.PostJsonAsync("api/tokens", new { personId, label = "intake tests" });
                Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
                token = (await issued.JsonAsync()).GetProperty("token").GetString()!;
                Tokens[fx.StorageConnectionString + "|" + personId] = token;
            }
            return fx.CreateClient(token);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// What a "storage unchanged" check compares: report rows and Idempotency-Key claims (not the
    /// review pipeline's event, version and outbox rows, which the review queue consumer adds for earlier
    /// reports at any time) and attachment blobs.
    /// </summary>
    public static async Task<string> StorageSnapshotAsync(AppFixture fx)
    {
        var rows = new List<string>();
        await foreach (
            var e in fx
                .Tables.GetTableClient(StorageNames.Tables.Reports)
                .QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])
        )
            if (
                !e.RowKey.Contains("~e")
                && !e.RowKey.Contains("~v")
                && !e.RowKey.Contains("~a")
                && !e.RowKey.StartsWith(OutboxRows.Prefix, StringComparison.Ordinal)
            )
                rows.Add(e.PartitionKey + "/" + e.RowKey);
        await foreach (var b in fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments).GetBlobsAsync())
            rows.Add("blob:" + b.Name);
        rows.Sort(StringComparer.Ordinal);
        return string.Join("\n", rows);
    }

    /// <summary>The review pipeline picked the report up: its intake checks left an event after "received".</summary>
    public static async Task<bool> ReviewQueuedAsync(AppFixture fx, string reportId)
    {
        ReportIds.TryParse(reportId, out var unit, out var key);
        var table = fx.Tables.GetTableClient(StorageNames.Tables.Reports);
        var picked = false;
        await Eventually.HoldsAsync(
            async () => picked = (await table.GetEntityIfExistsAsync<TableEntity>(unit, key + "~e0002")).HasValue,
            $"review checks of {reportId}"
        );
        return picked;
    }

    public static JsonElement Prop(this JsonElement e, string name) => e.GetProperty(name);
}
