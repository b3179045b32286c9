using Azure.Storage.Queues;
using InfoFunctions.Rewards;

namespace InfoFunctions.Operations;

/// <summary>
/// What infra's alerts read, logged every few minutes: Azure Monitor has no per-queue length metric,
/// and "no settlement 36 hours after a half-year closed" is a fact only the app knows.
/// <list type="bullet">
/// <item><c>ops poison-queue queue=&lt;q&gt;-poison messages=&lt;n&gt;</c> for every queue (0 included, so
/// silence is visible);</item>
/// <item><c>ops settlement-watch period=2026H1 closedAt=… hoursSinceClose=… settled=true|false</c> for the
/// half-year that closed last (the alert applies the 36-hour threshold).</item>
/// </list>
/// </summary>
public sealed class OpsMonitor(
    QueueServiceClient queues, SettlementStore settlements, TimeProvider time, ILogger<OpsMonitor> log)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var queue in StorageNames.All(typeof(StorageNames.Queues)))
        {
            var poison = queue + "-poison";
            lines.Add(OpsLog.Line("poison-queue", ("queue", poison), ("messages", await CountAsync(poison, ct))));
        }

        var now = time.GetUtcNow();
        var closed = HalfYear.Of(now).Previous;
        lines.Add(OpsLog.Line("settlement-watch", ("period", closed.Key), ("closedAt", closed.EndUtc),
            ("hoursSinceClose", Math.Round((now - closed.EndUtc).TotalHours, 1)),
            ("settled", await settlements.IsSettledAsync(closed, ct))));

        foreach (var line in lines) log.LogInformation("{OpsLine}", line);
        return lines;
    }

    private async Task<int> CountAsync(string queue, CancellationToken ct)
    {
        try { return (await queues.GetQueueClient(queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return 0; }
    }
}
