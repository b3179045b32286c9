namespace InfoFunctions.Identity;

/// <summary>A personal access token as stored: only its SHA-256 hash, never the secret.</summary>
public sealed record AccessTokenInfo(string TokenId, string PersonId, string Label, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
