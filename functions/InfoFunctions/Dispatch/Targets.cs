using Azure.Data.Tables;
using InfoFunctions.Platform;

namespace InfoFunctions.Dispatch;

public sealed record TargetInput(string? UnitId, int? Submissions, int? Adoptions);

public sealed record TargetsInput(IReadOnlyList<TargetInput>? Targets, string? Meeting);

/// <summary>A unit's target for a period and how far it has come.</summary>
public sealed record TargetProgress(string Period, string UnitId, int TargetSubmissions, int TargetAdoptions, int Submitted, int Adopted,
    decimal? SubmissionProgress, decimal? AdoptionProgress, string? Meeting, string SetBy, DateTimeOffset SetAt);

/// <summary>Targets (定目标) set at a dispatch meeting: PK period id, RK unit id.</summary>
public sealed class TargetStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Targets);

    public async Task SetAsync(DispatchPeriod period, IReadOnlyList<UnitTarget> targets, string? meeting, string setBy, DateTimeOffset at, CancellationToken ct)
    {
        var actions = targets.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(period.Id, t.UnitId)
        {
            ["Submissions"] = t.Submissions, ["Adoptions"] = t.Adoptions, ["Meeting"] = meeting, ["SetBy"] = setBy, ["SetAt"] = at,
        }));
        foreach (var chunk in actions.Chunk(100)) await _table.SubmitTransactionAsync(chunk, ct);
    }

    public async Task<IReadOnlyList<(UnitTarget Target, string? Meeting, string SetBy, DateTimeOffset SetAt)>> ListAsync(DispatchPeriod period, CancellationToken ct)
    {
        var list = new List<(UnitTarget, string?, string, DateTimeOffset)>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == period.Id, cancellationToken: ct))
            list.Add((new UnitTarget(e.RowKey, e.GetInt32("Submissions") ?? 0, e.GetInt32("Adoptions") ?? 0), e.GetString("Meeting"), e.GetString("SetBy") ?? "", e.GetDateTimeOffset("SetAt") ?? default));
        return list;
    }
}
