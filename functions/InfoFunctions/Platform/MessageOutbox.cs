using System.Collections.Concurrent;
using Azure.Storage.Queues;

namespace InfoFunctions.Platform;

/// <summary>
/// The transactional outbox, one mechanism for every feature. A change and the queue messages it implies commit
/// together: <see cref="StageAsync"/> turns the messages into rows of the change's own partition
/// (<see cref="OutboxRows"/>), the caller adds them to its entity-group transaction, and <see cref="SendAsync"/>
/// sends them right after the commit and deletes the rows. If the process dies in between, the rows stay and
/// <see cref="OutboxSweeper"/> sends them: a crash costs a delay, never a message. A message can therefore go out
/// twice (sent, then the process dies before the delete): every consumer is idempotent.
/// <para>
/// A feature whose own row is the pending record (<see cref="IOutboxSource"/>) only calls <see cref="MarkAsync"/>
/// before writing it.
/// </para>
/// </summary>
public sealed class MessageOutbox(
    TableServiceClient tables, QueueServiceClient queues, OutboxMarks marks, TimeProvider time,
    ILogger<MessageOutbox> log)
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new();

    /// <summary>Marks the partition and returns the rows to commit with the change (none without messages).</summary>
    public async Task<OutboxBatch> StageAsync(string table, string partitionKey, IEnumerable<OutboxMessage> messages,
        CancellationToken ct)
    {
        var list = messages.ToList();
        if (list.Count == 0) return new OutboxBatch(table, [], []);
        var now = time.GetUtcNow();
        await marks.MarkAsync(OutboxMarks.Rows, table, partitionKey, now, ct);
        return new OutboxBatch(table, list, OutboxRows.ToEntities(partitionKey, list, now));
    }

    /// <summary>
    /// Announces that an <see cref="IOutboxSource"/> row of <paramref name="table"/>, located by time
    /// <paramref name="at"/>, is about to be written; call it before the write.
    /// </summary>
    public Task MarkAsync(string table, string partitionKey, DateTimeOffset at, CancellationToken ct) =>
        marks.MarkAsync(OutboxMarks.Source, table, partitionKey, at, ct);

    /// <summary>
    /// Sends a committed batch and deletes its rows. Never throws: the change is committed whatever happens here,
    /// and whatever is not sent now the sweep sends. Not cancellable, for the same reason (storage waits are bounded).
    /// </summary>
    public async Task SendAsync(OutboxBatch batch)
    {
        if (batch.Messages.Count == 0) return;
        try
        {
            await SendAllAsync(batch.Messages, CancellationToken.None);
            var table = tables.GetTableClient(batch.Table);
            foreach (var row in batch.Rows) await DeleteAsync(table, row, ETag.All, CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "发件箱消息未能立即发送（{Count} 条，表 {Table}），将由定时清扫补发。", batch.Messages.Count,
                batch.Table);
        }
    }

    internal async Task SendAllAsync(IEnumerable<OutboxMessage> messages, CancellationToken ct)
    {
        foreach (var m in messages)
            await _queues.GetOrAdd(m.Queue, queues.GetQueueClient).SendMessageAsync(m.Body, ct);
    }

    internal static async Task DeleteAsync(TableClient table, ITableEntity row, ETag etag, CancellationToken ct)
    {
        try { await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, etag, ct); }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { } // sent and deleted by someone else
    }
}
