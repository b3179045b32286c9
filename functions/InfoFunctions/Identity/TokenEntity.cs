namespace InfoFunctions.Identity;

/// <summary>A personal access token as stored: PK <c>pat</c>, RK the SHA-256 of the secret.</summary>
public sealed class TokenEntity : TableRow
{
    public string? TokenId { get; set; }
    public string? PersonId { get; set; }
    public string? Label { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public static TokenEntity Of(string partition, string hash, AccessTokenInfo t) => new()
    {
        PartitionKey = partition,
        RowKey = hash,
        TokenId = t.TokenId,
        PersonId = t.PersonId,
        Label = t.Label,
        CreatedAt = t.CreatedAt,
        CreatedBy = t.CreatedBy,
        ExpiresAt = t.ExpiresAt,
        RevokedAt = t.RevokedAt,
    };

    public AccessTokenInfo ToInfo() => new(
        TokenId!, PersonId!, Label ?? "", CreatedAt ?? Timestamp ?? default, CreatedBy ?? "", ExpiresAt, RevokedAt);
}
