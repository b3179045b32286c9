namespace InfoFunctions.Identity;

/// <summary>Tokens in one partition keyed by hash: a bearer lookup is one point read.</summary>
public sealed class AccessTokenStore(TableServiceClient tables)
{
    private const string Partition = "pat";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Tokens);

    public async Task<AccessTokenInfo> IssueAsync(string secret, string personId, string label, string createdBy,
        DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(secret);
        var info = new AccessTokenInfo(TokenSecrets.IdOf(hash), personId, label, now, createdBy, expiresAt, null);
        await _table.AddEntityAsync(TokenEntity.Of(Partition, hash, info), ct);
        return info;
    }

    public async Task<AccessTokenInfo?> FindBySecretAsync(string secret, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TokenEntity>(Partition, TokenSecrets.Hash(secret),
            cancellationToken: ct);
        return e.HasValue ? e.Value!.ToInfo() : null;
    }

    public async Task<IReadOnlyList<AccessTokenInfo>> ListAsync(CancellationToken ct)
    {
        var list = new List<AccessTokenInfo>();
        await foreach (var e in _table.QueryAsync<TokenEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            list.Add(e.ToInfo());
        return list.OrderBy(t => t.CreatedAt).ToList();
    }

    /// <summary>Marks a token revoked (kept for the audit trail). False when no such token.</summary>
    public async Task<bool> RevokeAsync(string tokenId, DateTimeOffset now, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and TokenId eq {tokenId}");
        await foreach (var e in _table.QueryAsync<TokenEntity>(filter, cancellationToken: ct))
        {
            if (e.RevokedAt is null)
            {
                e.RevokedAt = now;
                await _table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, ct);
            }
            return true;
        }
        return false;
    }
}
