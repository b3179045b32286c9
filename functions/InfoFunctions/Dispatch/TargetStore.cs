namespace InfoFunctions.Dispatch;

/// <summary>Targets (定目标) set at a dispatch meeting: PK period id, RK unit id.</summary>
public sealed class TargetStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Targets);

    public async Task SetAsync(IEnumerable<TargetRow> rows, CancellationToken ct)
    {
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r));
        foreach (var chunk in actions.Chunk(100)) await _table.SubmitTransactionAsync(chunk, ct);
    }

    public async Task<IReadOnlyList<TargetRow>> ListAsync(DispatchPeriod period, CancellationToken ct) =>
        await _table.QueryAsync<TargetRow>(x => x.PartitionKey == period.Id, cancellationToken: ct).ToListAsync(ct);
}
