namespace InfoFunctions.Rewards;

/// <summary>
/// Settlements: PK the period, RK <c>summary</c> (status, totals) and one row per statement
/// (RK the party key), and until sent the outbox rows of the statements' notices. A period gets its summary row
/// ("open") when its first line is written, so the timer finds every period that still needs settling.
/// </summary>
public sealed class SettlementStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Settlements);
    private const string SummaryKey = "summary";
    private readonly HashSet<string> _registered = [];

    public async Task<(SettlementSummary Summary, ETag ETag)?> GetAsync(HalfYear period, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(period.Key, SummaryKey, cancellationToken: ct);
        return e.HasValue ? (ToSummary(e.Value!), e.Value!.ETag) : null;
    }

    public async Task<bool> IsSettledAsync(HalfYear period, CancellationToken ct) =>
        await GetAsync(period, ct) is { Summary.Status: not SettlementStatus.Open };

    /// <summary>Notes that a period has lines (idempotent; remembered per process).</summary>
    public async Task RegisterAsync(HalfYear period, CancellationToken ct)
    {
        lock (_registered) if (_registered.Contains(period.Key)) return;
        try
        {
            await _table.AddEntityAsync(new TableEntity(period.Key,
            SummaryKey)
            { ["Status"] = nameof(SettlementStatus.Open) }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { }
        lock (_registered) _registered.Add(period.Key);
    }

    /// <summary>Periods with lines that are not settled yet.</summary>
    public async Task<IReadOnlyList<HalfYear>> OpenPeriodsAsync(CancellationToken ct)
    {
        var list = new List<HalfYear>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.RowKey == SummaryKey,
            select: ["PartitionKey", "Status"], cancellationToken: ct))
            if (e.GetString("Status") == nameof(SettlementStatus.Open)
                && HalfYear.TryParse(e.PartitionKey, out var p)) list.Add(p);
        return list.OrderBy(p => p).ToList();
    }

    public async Task<IReadOnlyList<SettlementSummary>> ListAsync(CancellationToken ct)
    {
        var list = new List<SettlementSummary>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.RowKey == SummaryKey,
            cancellationToken: ct)) list.Add(ToSummary(e));
        return list.OrderBy(s => s.Period, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Writes the statements (replacing earlier runs' rows) in entity-group transactions within the period's
    /// partition: at most 100 entities and well under the 4 MiB payload limit each.
    /// </summary>
    public async Task WriteStatementsAsync(HalfYear period, IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        // The wire form escapes the JSON again (and may write non-ASCII as \uXXXX): count 6 bytes a char.
        const long MaxBatchBytes = 3 * 1024 * 1024;
        var batch = new List<TableTransactionAction>();
        long bytes = 0;
        foreach (var s in statements)
        {
            var e = ToEntity(period, s);
            var size = e.GetString("Json").Length * 6L + 1024;
            if (batch.Count == 100 || (batch.Count > 0 && bytes + size > MaxBatchBytes))
            {
                await _table.SubmitTransactionAsync(batch, ct);
                batch = [];
                bytes = 0;
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, e));
            bytes += size;
        }
        if (batch.Count > 0) await _table.SubmitTransactionAsync(batch, ct);
    }

    /// <summary>
    /// Replaces the summary if it is still as read (412 otherwise: e.g. marked paid meanwhile), in one transaction
    /// with the <paramref name="outbox"/> rows of the notices it implies.
    /// </summary>
    public async Task WriteSummaryAsync(SettlementSummary s, ETag? etag, OutboxBatch? outbox = null,
        CancellationToken ct = default)
    {
        var e = ToEntity(s);
        var summary = etag is { } t ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, t)
            : new TableTransactionAction(TableTransactionActionType.Add, e);
        await _table.SubmitTransactionAsync([summary, .. outbox?.Actions ?? []], ct);
    }

    public async Task<Statement?> GetStatementAsync(HalfYear period, PartyKind kind, string id, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(period.Key,
            LedgerKeys.Party(kind, LedgerKeys.Safe(id)), cancellationToken: ct);
        return e.HasValue ? JsonSerializer.Deserialize<Statement>(e.Value!.GetString("Json"), Json.Options) : null;
    }

    public async Task<IReadOnlyList<Statement>> ListStatementsAsync(HalfYear period, CancellationToken ct)
    {
        var list = new List<Statement>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x =>
            x.PartitionKey == period.Key && x.RowKey != SummaryKey && x.RowKey.CompareTo(OutboxRows.Prefix) < 0,
            cancellationToken: ct))
            list.Add(JsonSerializer.Deserialize<Statement>(e.GetString("Json"), Json.Options)!);
        return list;
    }

    private static TableEntity ToEntity(HalfYear period, Statement s)
    {
        var json = JsonSerializer.Serialize(s, Json.Options);
        // 64 KiB per string property: drop detail rows beyond what fits (totals stay exact).
        while (json.Length > 30_000 && s.Items.Count > 0)
        {
            s = s with { Items = s.Items.Take(s.Items.Count * 3 / 4).ToList(), ItemsTruncated = true };
            json = JsonSerializer.Serialize(s, Json.Options);
        }
        return new TableEntity(period.Key, LedgerKeys.Party(s.PartyKind, LedgerKeys.Safe(s.PartyId)))
        {
            ["Json"] = json,
            ["YuanFen"] = Fixed2.ToHundredths(s.Yuan),
            ["PointsX100"] = Fixed2.ToHundredths(s.Points),
        };
    }

    private static TableEntity ToEntity(SettlementSummary s) => new(s.Period, SummaryKey)
    {
        ["Status"] = s.Status.ToString(),
        ["Persons"] = s.Persons,
        ["Units"] = s.Units,
        ["LineCount"] = s.LineCount,
        ["PersonPointsX100"] = Fixed2.ToHundredths(s.PersonPoints),
        ["PersonYuanFen"] = Fixed2.ToHundredths(s.PersonYuan),
        ["UnitPointsX100"] = Fixed2.ToHundredths(s.UnitPoints),
        ["UnitYuanFen"] = Fixed2.ToHundredths(s.UnitYuan),
        ["FirstSettledAt"] = s.FirstSettledAt,
        ["LastRunAt"] = s.LastRunAt,
        ["PaidAt"] = s.PaidAt,
        ["PaidBy"] = s.PaidBy,
        ["ContentHash"] = s.ContentHash,
        ["History"] = s.History is { Count: > 0 } h ? JsonSerializer.Serialize(h, Json.Options) : null,
    };

    private static SettlementSummary ToSummary(TableEntity e) => new(
        e.PartitionKey, Enum.TryParse<SettlementStatus>(e.GetString("Status"), out var st) ? st : SettlementStatus.Open,
        e.GetInt32("Persons") ?? 0, e.GetInt32("Units") ?? 0, e.GetInt64("LineCount") ?? 0,
        Fixed2.FromHundredths(e.GetInt64("PersonPointsX100")), Fixed2.FromHundredths(e.GetInt64("PersonYuanFen")),
        Fixed2.FromHundredths(e.GetInt64("UnitPointsX100")), Fixed2.FromHundredths(e.GetInt64("UnitYuanFen")),
        e.GetDateTimeOffset("FirstSettledAt"), e.GetDateTimeOffset("LastRunAt"), e.GetDateTimeOffset("PaidAt"),
            e.GetString("PaidBy"), e.GetString("ContentHash"),
        e.GetString("History") is { } h ? JsonSerializer.Deserialize<List<SettlementEvent>>(h, Json.Options) : []);
}
