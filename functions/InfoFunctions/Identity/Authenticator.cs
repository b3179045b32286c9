using System.Security.Cryptography;

namespace InfoFunctions.Identity;

/// <summary>
/// Finds the caller: a bearer personal access token (or the bootstrap admin token), or the
/// App Service Authentication principal when Easy Auth is on. Roles and unit always come from
/// the directory, so a change there applies to the next request.
/// </summary>
public sealed class Authenticator(IOptions<AuthOptions> options, AccessTokenStore tokens, IPersonLookup people,
    PrincipalCache cache, TimeProvider time)
{
    public const string EasyAuthHeader = "X-MS-CLIENT-PRINCIPAL";

    private static Problem Unauthenticated(string code, string detail) =>
        new(ProblemKind.Unauthenticated, code, detail);
    private static readonly Problem InvalidToken = Unauthenticated("invalid-token", "访问令牌无效、已过期或已被吊销。");

    /// <summary>
    /// The caller, or 401 (no, bad or expired credentials) / 403 (signed in but not in the directory).
    /// </summary>
    public async Task<Result<Principal>> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return await FromBearerAsync(authorization["Bearer ".Length..].Trim(), ct);

        if (options.Value.EasyAuthEnabled && request.Headers[EasyAuthHeader].ToString() is { Length: > 0 } encoded)
            return await FromEasyAuthAsync(encoded, ct);

        return Unauthenticated("unauthenticated", "请先登录，或在 Authorization 头中提供访问令牌（Bearer）。");
    }

    private async Task<Result<Principal>> FromBearerAsync(string secret, CancellationToken ct)
    {
        if (options.Value.BootstrapAdminToken is { Length: > 0 } bootstrap && FixedTimeEquals(secret, bootstrap))
            return new Principal("bootstrap-admin", "初始管理员", null, null, Role.Admin);

        if (!secret.StartsWith(TokenSecrets.Prefix, StringComparison.Ordinal))
            return InvalidToken;
        var key = "pat:" + TokenSecrets.Hash(secret);
        if (cache.Get(key) is { } cached) return cached;

        var token = await tokens.FindBySecretAsync(secret, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= time.GetUtcNow())
            return InvalidToken;

        var person = await people.FindByIdAsync(token.PersonId, ct);
        if (person is not { Active: true })
            return Unauthenticated("invalid-token", "令牌所属人员不存在或已停用。");
        var principal = ToPrincipal(person);
        cache.Set(key, principal, token.TokenId, token.ExpiresAt);
        return principal;
    }

    private async Task<Result<Principal>> FromEasyAuthAsync(string encoded, CancellationToken ct)
    {
        string? email;
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(encoded));
            email = EmailClaim(doc.RootElement);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return Unauthenticated("invalid-principal", "登录信息无法识别。");
        }
        if (email is null)
            return Unauthenticated("invalid-principal", "登录信息中没有电子邮箱。");
        if (InputRules.TextFault(email, InputRules.EmailMax) is not null)
            return Unauthenticated("invalid-principal", "登录信息中的电子邮箱无法识别。");

        var key = "easyauth:" + email.ToLowerInvariant();
        if (cache.Get(key) is { } cached) return cached;
        var person = await people.FindByEmailAsync(email, ct);
        if (person is not { Active: true })
            return Problem.Forbidden($"账号 {email} 尚未登记在人员名录中，或已停用；请联系管理员。");
        var principal = ToPrincipal(person);
        cache.Set(key, principal);
        return principal;
    }

    private static string? EmailClaim(JsonElement root)
    {
        string[] wanted = ["preferred_username", "email", "emails", "upn",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"];
        if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array) return null;
        var pairs = claims.EnumerateArray()
            .Select(c =>
                (Type: c.TryGetProperty("typ", out var t) ? t.GetString() : null,
                Value: c.TryGetProperty("val", out var v) ? v.GetString() : null))
            .ToList();
        return wanted.Select(w => pairs.FirstOrDefault(p => p.Type == w && p.Value?.Contains('@') == true).Value)
            .FirstOrDefault(v => v is not null);
    }

    private static Principal ToPrincipal(PersonIdentity p) => new(p.Id, p.Name, p.Email, p.UnitId, p.Roles);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
