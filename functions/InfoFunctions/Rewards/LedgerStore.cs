using System.Runtime.CompilerServices;

namespace InfoFunctions.Rewards;

/// <summary>
/// Ledger lines: PK the period ("2026H1"), RK <c>party|event|line</c>. A period's lines are one
/// partition, sorted by party, so settlement reads them in one sequential scan with a running sum
/// per party; a redelivered line is an insert that conflicts.
/// </summary>
public sealed class LedgerStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Ledger);

    public static string RowKey(LedgerLine l) =>
        $"{LedgerKeys.Party(l.PartyKind, LedgerKeys.Safe(l.PartyId))}|{LedgerKeys.Safe(l.EventId)}|{l.LineNo:D3}";

    public static TableEntity ToEntity(LedgerLine l) => new(l.Period, RowKey(l))
    {
        ["PartyKind"] = l.PartyKind.ToString(),
        ["PartyId"] = l.PartyId,
        ["PartyName"] = l.PartyName,
        ["EventId"] = l.EventId,
        ["LineNo"] = l.LineNo,
        ["EventKind"] = l.EventKind.ToString(),
        ["ReportId"] = l.ReportId,
        ["TrackingNumber"] = l.TrackingNumber,
        ["Title"] = l.Title,
        ["Issue"] = l.Issue,
        ["CarrierId"] = l.CarrierId,
        ["RuleVersion"] = l.RuleVersion,
        ["PointsX100"] = Fixed2.ToHundredths(l.Points),
        ["YuanFen"] = Fixed2.ToHundredths(l.Yuan),
        ["Reason"] = l.Reason,
        ["OccurredAt"] = l.OccurredAt,
        ["Adjustment"] = l.Adjustment,
        ["OriginalPeriod"] = l.OriginalPeriod,
    };

    public static LedgerLine FromEntity(TableEntity e) => new(
        e.PartitionKey, Enum.Parse<PartyKind>(e.GetString("PartyKind")), e.GetString("PartyId"),
        e.GetString("PartyName") ?? "",
        e.GetString("EventId") ?? "", e.GetInt32("LineNo") ?? 0,
        Enum.TryParse<LedgerEventKind>(e.GetString("EventKind"), out var k) ? k : LedgerEventKind.Adoption,
        e.GetString("ReportId") ?? "", e.GetString("TrackingNumber") ?? "", e.GetString("Title"),
        e.GetString("CarrierId"),
        e.GetInt32("RuleVersion") ?? 0, Fixed2.FromHundredths(e.GetInt64("PointsX100")),
        Fixed2.FromHundredths(e.GetInt64("YuanFen")),
        e.GetString("Reason") ?? "", e.GetDateTimeOffset("OccurredAt") ?? default, e.GetBoolean("Adjustment") ?? false,
        e.GetString("OriginalPeriod"), e.GetString("Issue"));

    /// <summary>Appends lines; lines already there (a redelivery) are left as they are.</summary>
    public async Task AppendAsync(IReadOnlyList<LedgerLine> lines, CancellationToken ct)
    {
        foreach (var group in lines.GroupBy(l => l.Period))
        {
            var batch = group.ToList();
            try
            {
                if (batch.Count <= 100)
                {
                    await _table.SubmitTransactionAsync(batch.Select(l =>
                        new TableTransactionAction(TableTransactionActionType.Add, ToEntity(l))), ct);
                    continue;
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some are already written: one by one below.
            }
            foreach (var l in batch)
            {
                try { await _table.AddEntityAsync(ToEntity(l), ct); }
                catch (RequestFailedException ex) when (ex.Status == 409) { }
            }
        }
    }

    /// <summary>One period's lines in key order (grouped by party), streamed page by page.</summary>
    public async IAsyncEnumerable<LedgerLine> ScanAsync(HalfYear period, string? partyKeyPrefix = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = partyKeyPrefix is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {period.Key} and RowKey ge {partyKeyPrefix + "|"}")
                + TableClient.CreateQueryFilter($" and RowKey lt {partyKeyPrefix + "}"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            yield return FromEntity(e);
    }

    /// <summary>
    /// One page of a period's lines, optionally of one kind of party (a row-key range) and filtered by event kind,
    /// carrier and report; <paramref name="keep"/> filters further in memory.
    /// </summary>
    public async Task<(IReadOnlyList<LedgerLine> Lines, string? Next)> PageAsync(HalfYear period, PartyKind? party,
        LedgerEventKind? kind, string? carrierId, string? reportId, Func<LedgerLine, bool> keep, int pageSize,
        string? continuation, CancellationToken ct)
    {
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}") };
        if (party is { } p)
        {
            var prefix = LedgerKeys.Party(p, "");
            filters.Add(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix[0] + ";"}"));
        }
        if (kind is { } k) filters.Add(TableClient.CreateQueryFilter($"EventKind eq {k.ToString()}"));
        if (carrierId is not null) filters.Add(TableClient.CreateQueryFilter($"CarrierId eq {carrierId}"));
        if (reportId is not null) filters.Add(TableClient.CreateQueryFilter($"ReportId eq {reportId}"));
        var pages = _table.QueryAsync<TableEntity>(string.Join(" and ", filters), pageSize, cancellationToken: ct)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages)
            return (page.Values.Select(FromEntity).Where(keep).ToList(), page.ContinuationToken);
        return ([], null);
    }

    public async Task<long> CountAsync(HalfYear period, CancellationToken ct)
    {
        long n = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"],
            cancellationToken: ct))
            n++;
        return n;
    }

    /// <summary>Raw entities of a period (for the benchmark's "just read" baseline).</summary>
    public AsyncPageable<TableEntity> ReadRawAsync(HalfYear period, CancellationToken ct) =>
        _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}"), maxPerPage: 1000,
            cancellationToken: ct);
}
