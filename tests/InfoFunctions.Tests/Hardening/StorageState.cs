using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// Every table entity, blob and queue message of the account, each with its ETag (or message id): any write,
/// even one that stores the same values again, shows as a difference.
/// </summary>
public static class StorageState
{
    public static async Task<List<string>> TakeAsync(TableServiceClient tables, BlobServiceClient blobs,
        QueueServiceClient queues)
    {
        var lines = new List<string>();
        await foreach (var table in tables.QueryAsync())
            await foreach (var e in tables.GetTableClient(table.Name)
                               .QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                lines.Add($"table {table.Name}|{e.PartitionKey}|{e.RowKey}|{e.ETag}");
        await foreach (var container in blobs.GetBlobContainersAsync())
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
                lines.Add($"blob {container.Name}/{blob.Name}|{blob.Properties.ETag}");
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var client = queues.GetQueueClient(queue.Name);
            lines.Add($"queue {queue.Name}|{(await client.GetPropertiesAsync()).Value.ApproximateMessagesCount}");
            foreach (var m in (await client.PeekMessagesAsync(32)).Value)
                lines.Add($"queue {queue.Name}|{m.MessageId}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Lines only in one of the two, marked − (gone) and + (new).</summary>
    public static IEnumerable<string> Diff(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        before.Except(after).Select(l => "− " + l).Concat(after.Except(before).Select(l => "+ " + l));
}
