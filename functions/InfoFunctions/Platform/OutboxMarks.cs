using System.Collections.Concurrent;

namespace InfoFunctions.Platform;

/// <summary>
/// Where pending messages may be, so the sweep reads only there and never scans a table: table <c>outboxmarks</c>,
/// PK <c>mark</c>, RK <c>&lt;kind&gt;|&lt;table&gt;|&lt;partition&gt;|&lt;window&gt;</c>, one window being one
/// <c>Outbox__AgeSeconds</c> long. A mark is written before the change it announces, so every committed change has
/// one: kind <see cref="Rows"/> when outbox rows are staged (window of the staging time), kind <see cref="Source"/>
/// when an <see cref="IOutboxSource"/>'s own row is written (window of the time that locates the row). Each
/// instance writes a mark once per window (it remembers the windows it marked while they are current), so under
/// load a mark costs nothing per change.
/// <para>
/// <c>ReadAfter</c> says when the sweep reads a mark: two windows after its start, when everything written in the
/// window has landed (a write lands within a bounded storage wait of its mark, well under half a window) and is older
/// than the age. A row written later into an older window (a retried request reusing an earlier id) pushes
/// <c>ReadAfter</c> past its own landing, so the sweep reads that window again. The sweep deletes a mark it has
/// read cleanly, at the ETag it read, so a mark written meanwhile stays.
/// </para>
/// </summary>
public sealed class OutboxMarks(TableServiceClient tables, IOptions<OutboxOptions> options, TimeProvider time)
{
    public const char Rows = 'r', Source = 's';
    private const string Partition = "mark";
    private const string WindowFormat = "yyyyMMddHHmmss";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.OutboxMarks);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _written = new();
    private TimeSpan Width => options.Value.Age;

    public Task MarkAsync(char kind, string table, string partitionKey, DateTimeOffset at, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var from = WindowOf(at);
        var window = from.UtcDateTime.ToString(WindowFormat, CultureInfo.InvariantCulture);
        var rowKey = $"{kind}|{table}|{partitionKey}|{window}";
        if (now >= from + Width * 1.5)
            return WriteAsync(rowKey, now + Width, ct); // late: read this window again after this write has landed

        Forget(now);
        var write = _written.GetOrAdd(rowKey, key => new Lazy<Task>(() => WriteAsync(key, from + Width * 2, ct)));
        return AwaitAsync(rowKey, write);
    }

    /// <summary>The marks due for reading, oldest windows first.</summary>
    public async Task<IReadOnlyList<OutboxMark>> DueAsync(CancellationToken ct)
    {
        var list = new List<OutboxMark>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and ReadAfter le {Format(time.GetUtcNow())}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var parts = e.RowKey.Split('|');
            var from = new DateTimeOffset(DateTime.ParseExact(parts[^1], WindowFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
            list.Add(new OutboxMark(parts[0][0], parts[1], string.Join('|', parts[2..^1]), from, from + Width,
                e.RowKey, e.ETag));
        }
        return list.OrderBy(m => m.From).ToList();
    }

    /// <summary>Deletes a mark read cleanly, unless it was written again since.</summary>
    public async Task<bool> RetireAsync(OutboxMark mark, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(Partition, mark.RowKey, mark.ETag, ct); return true; }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { return false; }
    }

    private DateTimeOffset WindowOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - at.UtcTicks % Width.Ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// A merge keeps the other columns; <c>ReadAfter</c> is sortable text (Azurite's merge-upsert drops the
    /// DateTime type, so a typed comparison would miss it).
    /// </summary>
    private Task WriteAsync(string rowKey, DateTimeOffset readAfter, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, rowKey) { ["ReadAfter"] = Format(readAfter) },
            TableUpdateMode.Merge, ct);

    private static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>A failed write is forgotten, so the next change writes the mark again.</summary>
    private async Task AwaitAsync(string rowKey, Lazy<Task> write)
    {
        try { await write.Value; }
        catch
        {
            _written.TryRemove(new KeyValuePair<string, Lazy<Task>>(rowKey, write));
            throw;
        }
    }

    /// <summary>Drops remembered windows that are no longer current.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_written.Count < 256) return;
        var current = WindowOf(now).UtcDateTime.ToString(WindowFormat, CultureInfo.InvariantCulture);
        foreach (var key in _written.Keys)
            if (string.CompareOrdinal(key[(key.LastIndexOf('|') + 1)..], current) < 0) _written.TryRemove(key, out _);
    }
}
