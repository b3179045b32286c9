namespace InfoFunctions.Notifications;

/// <summary>Which optional notices a person turned off. One row per person: PK person id.</summary>
public sealed class PreferenceStore(TableServiceClient tables)
{
    private const string Row = "prefs";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.NotificationPrefs);

    public async Task<IReadOnlySet<string>> GetOptedOutAsync(string personId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(personId, Row, cancellationToken: ct);
        return e.HasValue
            ? (e.Value!.GetString("OptedOut") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet()
            : new HashSet<string>();
    }

    public async Task SetOptedOutAsync(string personId, IEnumerable<string> templates, DateTimeOffset now,
        CancellationToken ct) =>
        await _table.UpsertEntityAsync(new TableEntity(personId, Row)
        {
            ["OptedOut"] = string.Join(',', templates.Distinct().Order(StringComparer.Ordinal)),
            ["UpdatedAt"] = now,
        }, TableUpdateMode.Replace, ct);
}
