namespace InfoFunctions.Identity;

/// <summary>Issuing and revoking personal access tokens; a revocation applies at once on this instance.</summary>
public sealed class TokenService(AccessTokenStore tokens, IPersonLookup people, PrincipalCache cache, TimeProvider time)
{
    public async Task<Result<IssuedToken>> IssueAsync(Principal issuer, IssueTokenRequest body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.PersonId))
            return Problem.Invalid("person-required", "请指定令牌所属人员（personId）。");
        if (body.ExpiresInDays is <= 0 or > 3660)
            return Problem.Invalid("invalid-expiry", "有效天数（expiresInDays）应在 1 到 3660 之间。");
        if (await people.FindByIdAsync(body.PersonId, ct) is not { Active: true })
            return Problem.NotFound($"人员 {body.PersonId}（或已停用）") with { Code = "person-not-found" };

        var now = time.GetUtcNow();
        var secret = TokenSecrets.NewSecret();
        var label = string.IsNullOrWhiteSpace(body.Label) ? "访问令牌" : body.Label.Trim();
        var info = await tokens.IssueAsync(secret, body.PersonId, label, issuer.Id, now,
            body.ExpiresInDays is { } days ? now.AddDays(days) : null, ct);
        return new IssuedToken(info.TokenId, secret, info.PersonId, info.Label, info.ExpiresAt, "令牌只显示这一次，请立即妥善保存。");
    }

    public Task<IReadOnlyList<AccessTokenInfo>> ListAsync(CancellationToken ct) => tokens.ListAsync(ct);

    public async Task<Result> RevokeAsync(string tokenId, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(tokenId, time.GetUtcNow(), ct)) return Problem.NotFound($"令牌 {tokenId}");
        cache.ForgetToken(tokenId);
        return Result.Ok;
    }
}
