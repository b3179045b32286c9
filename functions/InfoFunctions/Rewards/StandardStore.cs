namespace InfoFunctions.Rewards;

/// <summary>Standard versions: PK "standard", RK the version (zero-padded), the standard as JSON.</summary>
public sealed class StandardStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.RewardStandards);

    public async Task<IReadOnlyList<RewardStandard>> ListAsync(CancellationToken ct)
    {
        var list = new List<RewardStandard>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == "standard",
            cancellationToken: ct))
            list.Add(JsonSerializer.Deserialize<RewardStandard>(e.GetString("Json"), Json.Options)!);
        return list.OrderBy(s => s.Version).ToList();
    }

    /// <summary>False when the version number was taken meanwhile.</summary>
    public async Task<bool> AddAsync(RewardStandard s, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity("standard",
                s.Version.ToString("D6"))
            {
                ["Json"] = JsonSerializer.Serialize(s, Json.Options),
                ["EffectiveFrom"] = s.EffectiveFrom.ToString("yyyy-MM-dd")
            }, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { return false; }
    }
}
