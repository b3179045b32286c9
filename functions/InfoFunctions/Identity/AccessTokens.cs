using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;

namespace InfoFunctions.Identity;

/// <summary>A personal access token as stored: only its SHA-256 hash, never the secret.</summary>
public sealed record AccessTokenInfo(string TokenId, string PersonId, string Label, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

public static class TokenSecrets
{
    public const string Prefix = "ifp_";

    public static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Public id of a token: a prefix of its hash, safe to show and to revoke by.</summary>
    public static string IdOf(string hash) => hash[..16];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Tokens in one partition keyed by hash: a bearer lookup is one point read.</summary>
public sealed class AccessTokenStore(TableServiceClient tables)
{
    private const string Partition = "pat";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Tokens);

    public async Task<AccessTokenInfo> IssueAsync(string secret, string personId, string label, string createdBy, DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(secret);
        var info = new AccessTokenInfo(TokenSecrets.IdOf(hash), personId, label, now, createdBy, expiresAt, null);
        await _table.AddEntityAsync(new TableEntity(Partition, hash)
        {
            ["TokenId"] = info.TokenId,
            ["PersonId"] = personId,
            ["Label"] = label,
            ["CreatedAt"] = now,
            ["CreatedBy"] = createdBy,
            ["ExpiresAt"] = expiresAt,
        }, ct);
        return info;
    }

    public async Task<AccessTokenInfo?> FindBySecretAsync(string secret, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TokenSecrets.Hash(secret), cancellationToken: ct);
        return e.HasValue ? ToInfo(e.Value!) : null;
    }

    public async Task<IReadOnlyList<AccessTokenInfo>> ListAsync(CancellationToken ct)
    {
        var list = new List<AccessTokenInfo>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            list.Add(ToInfo(e));
        return list.OrderBy(t => t.CreatedAt).ToList();
    }

    /// <summary>Marks a token revoked (kept for the audit trail). False when no such token.</summary>
    public async Task<bool> RevokeAsync(string tokenId, DateTimeOffset now, CancellationToken ct)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition && x.GetString("TokenId") == tokenId, cancellationToken: ct))
        {
            if (e.GetDateTimeOffset("RevokedAt") is null)
            {
                e["RevokedAt"] = now;
                await _table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, ct);
            }
            return true;
        }
        return false;
    }

    private static AccessTokenInfo ToInfo(TableEntity e) => new(
        e.GetString("TokenId"), e.GetString("PersonId"), e.GetString("Label") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? e.Timestamp ?? default, e.GetString("CreatedBy") ?? "",
        e.GetDateTimeOffset("ExpiresAt"), e.GetDateTimeOffset("RevokedAt"));
}
