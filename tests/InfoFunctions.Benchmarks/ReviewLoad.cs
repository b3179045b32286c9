using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// What the review scenarios share: reports that pass intake's checks, waiting for the review queue to empty,
/// and reading the outcome back in two queries (report rows, passChecks events) instead of two reads a report.
/// </summary>
public static class ReviewLoad
{
    private static readonly string[] Sentences =
    [
        "区人大常委会组织部分代表开展专题视察，实地察看重点项目建设进展情况", "代表们听取了有关部门的工作汇报，并围绕存在的问题提出意见建议", "会议强调，要坚持问题导向，加大工作力度，确保各项任务落到实处",
        "今年以来，全县累计办理代表建议一百二十件，办结率达到百分之百", "镇人大主席团组织代表走访选民，收集群众反映的热点难点问题十八条", "常委会组成人员对照法律条文逐条检查，形成执法检查报告提交会议审议",
        "座谈会上，代表们结合各自工作实际，就乡村振兴、生态保护等问题踊跃发言", "下一步，将持续跟踪督办，推动代表意见建议转化为改进工作的具体举措", "市人大常委会副主任出席会议并讲话，要求进一步提高监督工作实效",
        "此次活动共有二十余名各级人大代表参加，收到了良好的效果", "委员会对预算执行情况进行了初步审查，提出了加强绩效管理的建议", "代表联络站定期开展接待选民活动，畅通了民意表达渠道",
    ];

    /// <summary>A report that passes the format checks (title 6–40, body 80–5000 characters).</summary>
    public static object Report(int i, Random random)
    {
        var picks = Enumerable.Range(0, 6).Select(_ => Sentences[random.Next(Sentences.Length)]);
        var body = $"{i % 28 + 1}日，" + string.Join("。", picks) + $"。（编号{i}）";
        return new { title = $"基准测试：代表视察活动第{i}期", body, category = "日常动态" };
    }

    /// <summary>Posts a report; its id, or null when intake did not answer 201.</summary>
    public static async Task<string?> SubmitAsync(HttpClient http, object report)
    {
        using var response = await http.PostAsJsonAsync("api/reports", report);
        return response.StatusCode == System.Net.HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()
            : null;
    }

    /// <summary>
    /// Waits until <paramref name="queueName"/> holds no message (Azurite counts hidden ones too, so none is being
    /// handled either).
    /// </summary>
    public static async Task<bool> WaitForEmptyAsync(Azurite azurite, string queueName, TimeSpan limit)
    {
        var queue = new QueueClient(azurite.ConnectionString, queueName);
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0) return true;
            await Task.Delay(200);
        }
        return false;
    }

    /// <summary>A report as review left it: when it was submitted, when passChecks committed, its editor.</summary>
    public sealed record Outcome(string Id, DateTimeOffset SubmittedAt, DateTimeOffset? PassedAt, string Status,
        string? EditorId);

    public static async Task<Dictionary<string, Outcome>> ReadAsync(Azurite azurite)
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageNames.Tables.Reports);
        var passed = new Dictionary<string, DateTimeOffset>();
        await foreach (var e in table.QueryAsync<TableEntity>("Type eq 'event' and What eq 'passChecks'",
            select: ["PartitionKey", "RowKey", "Timestamp"]))
            passed[e.PartitionKey + "~" + e.RowKey[..e.RowKey.IndexOf('~')]] = e.Timestamp!.Value;
        var outcomes = new Dictionary<string, Outcome>();
        await foreach (var e in table.QueryAsync<TableEntity>("Type eq 'report'",
            select: ["PartitionKey", "RowKey", "SubmittedAt", "Status", "EditorId"]))
        {
            var id = e.PartitionKey + "~" + e.RowKey;
            outcomes[id] = new(id, e.GetDateTimeOffset("SubmittedAt")!.Value,
                passed.TryGetValue(id, out var at) ? at : null, e.GetString("Status"), e.GetString("EditorId"));
        }
        return outcomes;
    }

    /// <summary>The q-quantile of sorted values (nearest rank).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
