using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Submissions;

/// <summary>Demo directory loaded once per app, and tokens for a few demo people.</summary>
public static class IntakeTestSupport
{
    public const string YangFan = "demo-yang-fan";        // officer, 埇桥区 (yq)
    public const string QinHaoyu = "demo-qin-haoyu";      // officer, 砀山县 (ds)
    public const string LinXiaowen = "demo-lin-xiaowen";  // editor + officer, 研究室

    private static readonly ConcurrentDictionary<string, string> Tokens = new();
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _demoLoaded;

    public static async Task<HttpClient> ClientForAsync(AppFixture fx, string personId)
    {
        await Gate.WaitAsync();
        try
        {
            using var admin = fx.CreateAdminClient();
            if (!_demoLoaded)
            {
                var demo = await admin.PostAsync("api/directory/demo", null);
                Assert.True(demo.IsSuccessStatusCode, await demo.Content.ReadAsStringAsync());
                _demoLoaded = true;
            }
            if (!Tokens.TryGetValue(personId, out var token))
            {
                var issued = await admin.PostJsonAsync("api/tokens", new { personId, label = "intake tests" });
                Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
                token = (await issued.JsonAsync()).GetProperty("token").GetString()!;
                Tokens[personId] = token;
            }
            return fx.CreateClient(token);
        }
        finally { Gate.Release(); }
    }

    /// <summary>What a "storage unchanged" check compares: every report entity and attachment blob, and the review queue length.</summary>
    public static async Task<string> StorageSnapshotAsync(AppFixture fx)
    {
        var rows = new List<string>();
        await foreach (var e in fx.Tables.GetTableClient(StorageNames.Tables.Reports).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            rows.Add(e.PartitionKey + "/" + e.RowKey);
        await foreach (var b in fx.Blobs.GetBlobContainerClient(StorageNames.Containers.Attachments).GetBlobsAsync())
            rows.Add("blob:" + b.Name);
        var queue = (await fx.Queues.GetQueueClient(StorageNames.Queues.Review).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        rows.Sort(StringComparer.Ordinal);
        return $"queue={queue}\n" + string.Join("\n", rows);
    }

    /// <summary>Finds the review message for a report (there is no consumer yet, so it waits in the queue).</summary>
    public static async Task<bool> ReviewQueuedAsync(AppFixture fx, string reportId)
    {
        var q = fx.Queues.GetQueueClient(StorageNames.Queues.Review);
        for (var round = 0; round < 50; round++)
        {
            var batch = (await q.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(2))).Value;
            if (batch.Length == 0) return false;
            foreach (var m in batch)
                if (m.Body.ToString().Contains(reportId)) return true;
        }
        return false;
    }

    public static JsonElement Prop(this JsonElement e, string name) => e.GetProperty(name);
}
