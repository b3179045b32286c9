using System.Collections.Concurrent;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// MinHash fingerprints: PK month (yyyy-MM, Asia/Shanghai), RK report id. Each instance keeps the look-back
/// window's fingerprints in memory. A report's own fingerprint goes in before the search, so reports checked at
/// the same time on one instance see each other; what other instances wrote is read at most every
/// <see cref="RefreshEvery"/>, in one query over the window's months that asks only for rows written since the
/// last read (by server timestamp, with a margin). So a report costs one write here, however fast they come.
/// </summary>
public sealed class FingerprintStore(TableServiceClient tables, TimeProvider time)
{
    public const int LookBackDays = 90;
    /// <summary>How stale this instance's view of other instances' fingerprints may be.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Fingerprints);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Entry>> _months =
        new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private Task _refresh = Task.CompletedTask;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _watermark;

    private sealed record Entry(string TrackingNumber, string Title, DateTimeOffset SubmittedAt, ulong[] Signature);

    /// <summary>
    /// Stores the report's fingerprint (text as checked) and answers the most similar other report received in the
    /// last <see cref="LookBackDays"/> days, when it reaches <see cref="NearDuplicates.Threshold"/>.
    /// </summary>
    public async Task<DuplicateHit?> RecordAndFindAsync(Report report, ulong[] sig, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var months = NearDuplicates.Months(now, LookBackDays);
        var month = NearDuplicates.Months(report.SubmittedAt, 0)[0];
        var entry = new Entry(report.TrackingNumber, report.Title, report.SubmittedAt, sig);
        Month(month)[report.Id] = entry;
        await RefreshAsync(months, now, ct);
        await _table.UpsertEntityAsync(new TableEntity(month, report.Id)
        {
            ["TrackingNumber"] = report.TrackingNumber,
            ["Title"] = report.Title,
            ["SubmittedAt"] = report.SubmittedAt,
            ["Signature"] = NearDuplicates.ToBytes(sig),
        }, TableUpdateMode.Replace, ct);

        var since = now.AddDays(-LookBackDays);
        DuplicateHit? best = null;
        foreach (var m in months)
            if (_months.TryGetValue(m, out var rows))
                foreach (var (id, e) in rows)
                {
                    if (id == report.Id || e.SubmittedAt < since) continue;
                    var s = NearDuplicates.Similarity(sig, e.Signature);
                    if (s >= NearDuplicates.Threshold && (best is null || s > best.Similarity))
                        best = new(id, e.TrackingNumber, e.Title, s);
                }
        return best;
    }

    private ConcurrentDictionary<string, Entry> Month(string month) =>
        _months.GetOrAdd(month, _ => new(StringComparer.Ordinal));

    /// <summary>One read at a time, at most every <see cref="RefreshEvery"/>; callers meanwhile share it.</summary>
    private Task RefreshAsync(IReadOnlyList<string> months, DateTimeOffset now, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_refresh.IsCompleted || now - _refreshedAt < RefreshEvery) return _refresh.WaitAsync(ct);
            _refreshedAt = now;
            foreach (var stale in _months.Keys.Except(months)) _months.TryRemove(stale, out _);
            return _refresh = ReadAsync(months);
        }
    }

    private async Task ReadAsync(IReadOnlyList<string> months)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {months[0]} and PartitionKey le {months[^1]}");
        if (_watermark is { } w) filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {w - Overlap}");
        var newest = _watermark;
        try
        {
            await foreach (var e in _table.QueryAsync<TableEntity>(filter,
                select: ["PartitionKey", "RowKey", "TrackingNumber", "Title", "SubmittedAt", "Signature", "Timestamp"]))
            {
                if (e.GetBinary("Signature") is { } bytes)
                    Month(e.PartitionKey)[e.RowKey] = new(e.GetString("TrackingNumber"), e.GetString("Title"),
                        e.GetDateTimeOffset("SubmittedAt") ?? default, NearDuplicates.FromBytes(bytes));
                if (e.Timestamp is { } t && (newest is null || t > newest)) newest = t;
            }
            _watermark = newest; // only after a whole read: rows come in key order, not by time
        }
        catch
        {
            lock (_gate) _refreshedAt = DateTimeOffset.MinValue; // the next caller reads again
            throw;
        }
    }
}
