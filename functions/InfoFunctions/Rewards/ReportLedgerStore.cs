namespace InfoFunctions.Rewards;

/// <summary>
/// The ledger's per-report memory: PK the report, RK <c>head</c> (the <see cref="ReportLedgerState"/>,
/// guarded by its ETag so two facts about one report never count from the same state) and
/// <c>e|&lt;event&gt;</c> per applied fact with its message and lines (so a redelivery rewrites the same lines).
/// </summary>
public sealed class ReportLedgerStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.LedgerReports);
    private const string Head = "head";

    public sealed record Applied(LedgerMessage Message, IReadOnlyList<LedgerLine> Lines, int Sequence);

    public async Task<(ReportLedgerState State, ETag? ETag, int Sequence)> GetStateAsync(string reportId,
        CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.Safe(reportId), Head,
            cancellationToken: ct);
        if (!e.HasValue) return (ReportLedgerState.Empty, null, 0);
        return (JsonSerializer.Deserialize<ReportLedgerState>(e.Value!.GetString("State"), Json.Options)
            ?? ReportLedgerState.Empty, e.Value.ETag, e.Value.GetInt32("Sequence") ?? 0);
    }

    public async Task<Applied?> GetAppliedAsync(string reportId, string eventId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.Safe(reportId),
            "e|" + LedgerKeys.Safe(eventId), cancellationToken: ct);
        return e.HasValue ? ToApplied(e.Value!) : null;
    }

    /// <summary>Every applied fact of a report, in the order applied.</summary>
    public async Task<IReadOnlyList<Applied>> ListAppliedAsync(string reportId, CancellationToken ct)
    {
        var list = new List<Applied>();
        var pk = LedgerKeys.Safe(reportId);
        await foreach (var e in _table.QueryAsync<TableEntity>(x =>
            x.PartitionKey == pk && x.RowKey.CompareTo("e|") >= 0 && x.RowKey.CompareTo("e}") < 0,
            cancellationToken: ct))
            list.Add(ToApplied(e));
        return list.OrderBy(a => a.Sequence).ToList();
    }

    /// <summary>
    /// Records a fact and the new state in one transaction; false when another fact or a redelivery got there first.
    /// </summary>
    public async Task<bool> TryRecordAsync(string reportId, ETag? etag, int sequence, ReportLedgerState state,
        LedgerMessage message, IReadOnlyList<LedgerLine> lines, CancellationToken ct)
    {
        var pk = LedgerKeys.Safe(reportId);
        var head = new TableEntity(pk, Head)
        {
            ["State"] = JsonSerializer.Serialize(state, Json.Options),
            ["Sequence"] = sequence
        };
        var row = new TableEntity(pk, "e|" + LedgerKeys.Safe(message.EventId))
        {
            ["Message"] = JsonSerializer.Serialize(message, Json.Options),
            ["Lines"] = JsonSerializer.Serialize(lines, Json.Options),
            ["Sequence"] = sequence,
        };
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, row),
                etag is { } t ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, t)
                : new TableTransactionAction(TableTransactionActionType.Add, head),
            ], ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412) { return false; }
    }

    private static Applied ToApplied(TableEntity e) => new(
        JsonSerializer.Deserialize<LedgerMessage>(e.GetString("Message"), Json.Options)!,
        JsonSerializer.Deserialize<List<LedgerLine>>(e.GetString("Lines"), Json.Options) ?? [],
        e.GetInt32("Sequence") ?? 0);
}
