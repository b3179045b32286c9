namespace InfoFunctions.Platform;

/// <summary>
/// The outbox's dispatcher (timer <c>OutboxSweep</c>, <c>Outbox__SweepSchedule</c>): sends what a crash left
/// pending. It reads only the marks that are due (one query on the small <c>outboxmarks</c> partition) and, per
/// mark, one range query: the partition's outbox rows (<c>PartitionKey eq p and RowKey ge '~outbox~' and RowKey lt
/// '~outbox~~'</c>, which holds only pending rows), or the source's window (e.g. one unit's reports of one minute).
/// Rows younger than the age are left to the request that is sending them.
/// </summary>
public sealed class OutboxSweeper(
    TableServiceClient tables, MessageOutbox outbox, OutboxMarks marks, IEnumerable<IOutboxSource> sources,
    IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxSweeper> log)
{
    public async Task<OutboxSweep> SweepAsync(CancellationToken ct)
    {
        var due = await marks.DueAsync(ct);
        // A partition's rows are read once per sweep, whichever marks name it.
        var partitions = new Dictionary<string, bool>();
        int retired = 0, rows = 0, messages = 0, failed = 0;
        foreach (var mark in due)
        {
            var key = mark.Kind == OutboxMarks.Rows ? $"{mark.Table}|{mark.PartitionKey}" : mark.RowKey;
            if (!partitions.TryGetValue(key, out var read))
            {
                try
                {
                    var (r, m) = mark.Kind == OutboxMarks.Rows ? await SendRowsAsync(mark, ct)
                        : (0, await SendSourcesAsync(mark, ct));
                    rows += r;
                    messages += m;
                    read = true;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    failed++;
                    log.LogWarning(ex, "发件箱清扫 {Mark} 失败，下次再试。", mark.RowKey);
                }
                partitions[key] = read;
            }
            if (read && await marks.RetireAsync(mark, ct)) retired++;
        }
        if (messages > 0 || failed > 0)
            OpsLog.Write(log, "outbox-swept", ("marks", due.Count), ("rows", rows), ("messages", messages),
                ("failed", failed));
        return new OutboxSweep(due.Count, retired, rows, messages, failed);
    }

    /// <summary>Sends and deletes the partition's outbox rows older than the age.</summary>
    private async Task<(int Rows, int Messages)> SendRowsAsync(OutboxMark mark, CancellationToken ct)
    {
        var table = tables.GetTableClient(mark.Table);
        var before = time.GetUtcNow() - options.Value.Age;
        int rows = 0, messages = 0;
        var pending = table.QueryAsync<TableEntity>(OutboxRows.In(mark.PartitionKey), cancellationToken: ct);
        await foreach (var row in pending)
        {
            if (row.GetDateTimeOffset("CreatedAt") > before) continue;
            var list = OutboxRows.Read(row);
            await outbox.SendAllAsync(list, ct);
            await MessageOutbox.DeleteAsync(table, row, row.ETag, ct);
            rows++;
            messages += list.Count;
        }
        return (rows, messages);
    }

    /// <summary>Sends what the sources of the mark's table still have pending in its window.</summary>
    private async Task<int> SendSourcesAsync(OutboxMark mark, CancellationToken ct)
    {
        var messages = 0;
        foreach (var source in sources.Where(s => s.Table == mark.Table))
        {
            var pending = new List<OutboxMessage>();
            await foreach (var m in source.PendingAsync(mark.PartitionKey, mark.From, mark.To, ct)) pending.Add(m);
            await outbox.SendAllAsync(pending, ct);
            messages += pending.Count;
        }
        return messages;
    }
}
