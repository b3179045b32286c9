namespace InfoFunctions.Dispatch;

/// <summary>
/// Rotation windows: one small partition (a few dozen windows a year), ISO dates so ranges compare as text.
/// </summary>
public sealed class RotationStore(TableServiceClient tables) : IRotationCalendar
{
    private const string Partition = "rotation";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Rotations);

    public async Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct)
    {
        var d = BusinessTime.Format(day);
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and From le {d} and To ge {d}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["PersonId"], cancellationToken: ct))
            ids.Add(e.GetString("PersonId"));
        return ids.Distinct().ToList();
    }

    public async Task<IReadOnlyList<RotationWindow>> ListAsync(CancellationToken ct)
    {
        var list = new List<RotationWindow>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            list.Add(From(e));
        return list.OrderBy(w => w.From).ThenBy(w => w.PersonId, StringComparer.Ordinal).ToList();
    }

    public async Task<RotationWindow?> GetAsync(string id, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        return e.HasValue ? From(e.Value!) : null;
    }

    public Task AddAsync(RotationWindow w, CancellationToken ct) =>
        _table.AddEntityAsync(new TableEntity(Partition, w.Id)
        {
            ["PersonId"] = w.PersonId,
            ["From"] = BusinessTime.Format(w.From),
            ["To"] = BusinessTime.Format(w.To),
            ["Note"] = w.Note,
            ["CreatedBy"] = w.CreatedBy,
            ["CreatedAt"] = w.CreatedAt,
        }, ct);

    /// <summary>False when there was no such window (the SDK answers a missing entity without throwing).</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken ct) =>
        (await _table.DeleteEntityAsync(Partition, id, ETag.All, ct)).Status != 404;

    private static RotationWindow From(TableEntity e)
    {
        BusinessTime.TryParseDay(e.GetString("From"), out var from);
        BusinessTime.TryParseDay(e.GetString("To"), out var to);
        return new RotationWindow(e.RowKey, e.GetString("PersonId"), from, to, e.GetString("Note"),
            e.GetString("CreatedBy") ?? "", e.GetDateTimeOffset("CreatedAt") ?? default);
    }
}
