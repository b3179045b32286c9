namespace InfoFunctions.Identity;

/// <summary>A new token: the secret is in this answer and nowhere else.</summary>
public sealed record IssuedToken(
    string TokenId,
    string Token,
    string PersonId,
    string Label,
    DateTimeOffset? ExpiresAt,
    string Notice
);
