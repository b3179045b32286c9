using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace InfoFunctions.Health;

/// <summary>Asks each storage service one cheap question, all at once, each within <see cref="Timeout"/>.</summary>
public sealed class ReadinessCheck(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public sealed record Report(string Status, IReadOnlyDictionary<string, string> Checks);

    public async Task<Result<Report>> CheckAsync(CancellationToken ct)
    {
        var checks = new Dictionary<string, Func<CancellationToken, Task>>
        {
            ["tables"] = t =>
                tables
                    .GetTableClient(StorageNames.Tables.Reports)
                    .QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: t)
                    .AsPages()
                    .GetAsyncEnumerator(t)
                    .MoveNextAsync()
                    .AsTask(),
            ["blobs"] = t => blobs.GetBlobContainerClient(StorageNames.Containers.Attachments).ExistsAsync(t),
            ["queues"] = t => queues.GetQueueClient(StorageNames.Queues.Review).GetPropertiesAsync(t),
        };
        var results = await Task.WhenAll(checks.Select(async c => (c.Key, Ok: await AnswersAsync(c.Value, ct))));
        var failed = results.Where(r => !r.Ok).Select(r => r.Key).ToList();
        if (failed.Count > 0)
            return new Problem(
                ProblemKind.Unavailable,
                "storage-unavailable",
                $"存储服务暂时无法访问（{string.Join("、", failed)}），请稍后重试。"
            )
            {
                RetryAfter = TimeSpan.FromSeconds(Api.RetryAfterSeconds),
            };
        return new Report("ready", results.ToDictionary(r => r.Key, _ => "ok"));
    }

    private static async Task<bool> AnswersAsync(Func<CancellationToken, Task> ask, CancellationToken ct)
    {
        using var within = CancellationTokenSource.CreateLinkedTokenSource(ct);
        within.CancelAfter(Timeout);
        try
        {
            await ask(within.Token);
            return true;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
