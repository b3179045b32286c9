using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// MinHash fingerprints: PK month (yyyy-MM, Asia/Shanghai), RK report id; the 90-day scan reads 3–4
/// partitions. Rows already read are kept in memory, so each scan asks storage only for rows
/// written since the last one (by server timestamp, with a margin), not for the whole window again.
/// </summary>
public sealed class FingerprintStore(TableServiceClient tables)
{
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Fingerprints);
    private readonly Dictionary<string, MonthCache> _months = new(StringComparer.Ordinal);

    private sealed record Entry(string TrackingNumber, string Title, DateTimeOffset SubmittedAt, ulong[] Signature);

    private sealed class MonthCache
    {
        public readonly Dictionary<string, Entry> Rows = new(StringComparer.Ordinal);
        public DateTimeOffset? Watermark;
    }

    public Task SaveAsync(string month, Report r, ulong[] sig, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(month, r.Id)
        {
            ["TrackingNumber"] = r.TrackingNumber, ["Title"] = r.Title, ["SubmittedAt"] = r.SubmittedAt,
                ["Signature"] = NearDuplicates.ToBytes(sig),
        }, TableUpdateMode.Replace, ct);

    /// <summary>
    /// The most similar report received since <paramref name="since"/>, when it reaches the threshold.
    /// </summary>
    public async Task<DuplicateHit?> FindAsync(IReadOnlyList<string> months, DateTimeOffset since, string selfId,
        ulong[] sig, CancellationToken ct)
    {
        // Storage is read outside the lock (handlers run concurrently); only the merge is serialised.
        var snapshot = new List<(string Id, Entry Entry)>();
        foreach (var month in months)
        {
            MonthCache cache;
            DateTimeOffset? watermark;
            lock (_months)
            {
                foreach (var stale in _months.Keys.Except(months).ToList()) _months.Remove(stale);
                if (!_months.TryGetValue(month, out cache!)) _months[month] = cache = new MonthCache();
                watermark = cache.Watermark;
            }
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month}");
            if (watermark is { } w) filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {w - Overlap}");
            var fresh = new List<(string Id, Entry Entry, DateTimeOffset? At)>();
            await foreach (var e in _table.QueryAsync<TableEntity>(filter,
                select: ["RowKey", "TrackingNumber", "Title", "SubmittedAt", "Signature", "Timestamp"],
                cancellationToken: ct))
                if (e.GetBinary("Signature") is { } bytes)
                    fresh.Add((e.RowKey, new(e.GetString("TrackingNumber"), e.GetString("Title"),
                        e.GetDateTimeOffset("SubmittedAt") ?? default, NearDuplicates.FromBytes(bytes)), e.Timestamp));
            lock (_months)
            {
                foreach (var (id, entry, at) in fresh)
                {
                    cache.Rows[id] = entry;
                    if (at is { } t && (cache.Watermark is null || t > cache.Watermark)) cache.Watermark = t;
                }
                snapshot.AddRange(cache.Rows.Select(x => (x.Key, x.Value)));
            }
        }

        DuplicateHit? best = null;
        foreach (var (id, e) in snapshot)
        {
            if (id == selfId || e.SubmittedAt < since) continue;
            var s = NearDuplicates.Similarity(sig, e.Signature);
            if (s >= NearDuplicates.Threshold && (best is null || s > best.Similarity))
                best = new(id, e.TrackingNumber, e.Title, s);
        }
        return best;
    }
}
