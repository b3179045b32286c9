namespace InfoFunctions.Submissions;

/// <summary>
/// Human tracking numbers <c>YYYY-NNNN</c>, unique per year (Asia/Shanghai).
/// One counter row per year would make every submission race for the same ETag; instead each
/// instance reserves a block of <see cref="BlockSize"/> numbers with one conditional update and
/// hands them out from memory. Only one request in a block touches storage, and instances never
/// wait on each other except for that one update. Numbers left in a block when an instance
/// stops are skipped: gaps are allowed, duplicates are not. Past 9999 the number simply grows.
/// </summary>
public sealed class TrackingNumbers(TableServiceClient tables, TimeProvider time)
{
    public const int BlockSize = 50;
    private const string Partition = "tracking";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Counters);
    private readonly SemaphoreSlim _refill = new(1, 1);
    private readonly object _gate = new();
    private int _year;
    private long _next,
        _end; // [_next, _end) is the reserved block

    public static int YearOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, BusinessTime.Zone).Year;

    public static string Format(int year, long n) => $"{year}-{n:D4}";

    /// <summary>The number within its year (1, 2, …), read back from <see cref="Format"/>'s text.</summary>
    public static bool TryParse(string? trackingNumber, out long n)
    {
        n = 0;
        var dash = trackingNumber?.IndexOf('-') ?? -1;
        return dash > 0
            && long.TryParse(trackingNumber.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out n)
            && n > 0;
    }

    public async Task<string> NextAsync(CancellationToken ct)
    {
        var year = YearOf(time.GetUtcNow());
        while (true)
        {
            lock (_gate)
            {
                if (_year == year && _next < _end)
                    return Format(year, _next++);
            }
            await _refill.WaitAsync(ct);
            try
            {
                bool empty;
                lock (_gate)
                    empty = _year != year || _next >= _end;
                if (empty)
                {
                    var (start, end) = await ReserveAsync(year, ct);
                    lock (_gate)
                        (_year, _next, _end) = (year, start, end);
                }
            }
            finally
            {
                _refill.Release();
            }
        }
    }

    // The counter row as this instance last wrote it: the next reservation is usually one conditional update.
    private (int Year, long Next, ETag ETag)? _known;

    /// <summary>Moves the year's high-water mark up by a block with optimistic concurrency.</summary>
    private async Task<(long Start, long End)> ReserveAsync(int year, CancellationToken ct)
    {
        var key = year.ToString("D4");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (_known is { } k && k.Year == year)
                {
                    var updated = await _table.UpdateEntityAsync(
                        new TableEntity(Partition, key) { ["Next"] = k.Next + BlockSize },
                        k.ETag,
                        TableUpdateMode.Merge,
                        ct
                    );
                    _known = (year, k.Next + BlockSize, updated.Headers.ETag ?? default);
                    return (k.Next, k.Next + BlockSize);
                }
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, ["Next"], ct);
                if (!existing.HasValue)
                {
                    var added = await _table.AddEntityAsync(
                        new TableEntity(Partition, key) { ["Next"] = 1L + BlockSize },
                        ct
                    );
                    _known = (year, 1L + BlockSize, added.Headers.ETag ?? default);
                    return (1, 1 + BlockSize);
                }
                _known = (year, existing.Value!.GetInt64("Next") ?? 1, existing.Value.ETag);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
            {
                // Another instance reserved first: read again. Contention is one write per block.
                _known = null;
                await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), ct);
            }
        }
    }
}
