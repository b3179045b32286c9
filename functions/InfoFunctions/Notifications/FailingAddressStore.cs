namespace InfoFunctions.Notifications;

/// <summary>Addresses that bounced or were dropped: PK "failing", RK the address.</summary>
public sealed class FailingAddressStore(TableServiceClient tables)
{
    private const string Partition = "failing";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.FailingAddresses);

    public sealed record FailingAddress(string Email, string Event, string? Reason, int Count, DateTimeOffset FirstAt,
        DateTimeOffset LastAt);

    /// <summary>Counts one failure; the same event (by <paramref name="eventId"/>) counts once.</summary>
    public async Task MarkAsync(string email, string eventName, string? reason, DateTimeOffset at, string? eventId,
        CancellationToken ct)
    {
        var key = MailAddresses.Normalize(email);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: ct);
        if (eventId is not null && existing.HasValue && existing.Value!.GetString("LastEventId") == eventId) return;
        var e = existing.HasValue ? existing.Value!
            : new TableEntity(Partition, key) { ["FirstAt"] = at, ["Count"] = 0 };
        e["LastEventId"] = eventId;
        e["Email"] = key;
        e["Event"] = eventName;
        e["Reason"] = reason is { Length: > 2000 } ? reason[..2000] : reason ?? "";
        e["Count"] = (e.GetInt32("Count") ?? 0) + 1;
        e["LastAt"] = at;
        await _table.UpsertEntityAsync(e, TableUpdateMode.Replace, ct);
    }

    /// <summary>A later delivery shows the address works again.</summary>
    public async Task ClearAsync(string email, CancellationToken ct) =>
        await _table.DeleteEntityAsync(Partition, MailAddresses.Normalize(email), cancellationToken: ct);

    public async Task<IReadOnlyList<FailingAddress>> ListAsync(CancellationToken ct)
    {
        var list = new List<FailingAddress>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            list.Add(new FailingAddress(e.RowKey, e.GetString("Event") ?? "", e.GetString("Reason"),
                e.GetInt32("Count") ?? 1,
                e.GetDateTimeOffset("FirstAt") ?? default, e.GetDateTimeOffset("LastAt") ?? default));
        return list.OrderByDescending(f => f.LastAt).ToList();
    }
}
