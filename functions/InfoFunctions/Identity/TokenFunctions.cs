using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Identity;

public sealed record IssueTokenRequest(string? PersonId, string? Label, int? ExpiresInDays);
public sealed record IssuedToken(string TokenId, string Token, string PersonId, string Label, DateTimeOffset? ExpiresAt, string Notice);

/// <summary>Admins issue and revoke personal access tokens; anyone signed in can ask who they are.</summary>
public sealed class TokenFunctions(Authenticator auth, AccessTokenStore tokens, IPersonLookup people, PrincipalCache cache, TimeProvider time)
{
    [Function("Me")]
    public async Task<IActionResult> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req);
        return a.Failure ?? Api.Ok(a.Principal);
    }

    [Function("IssueToken")]
    public async Task<IActionResult> Issue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tokens")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonAsync<IssueTokenRequest>(req);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(body!.PersonId))
            return Api.BadRequest("person-required", "请指定令牌所属人员（personId）。");
        if (body.ExpiresInDays is <= 0 or > 3660)
            return Api.BadRequest("invalid-expiry", "有效天数（expiresInDays）应在 1 到 3660 之间。");
        if (await people.FindByIdAsync(body.PersonId, req.HttpContext.RequestAborted) is not { Active: true })
            return Api.Problem(404, "person-not-found", $"人员 {body.PersonId} 不存在或已停用。");

        var now = time.GetUtcNow();
        var secret = TokenSecrets.NewSecret();
        var label = string.IsNullOrWhiteSpace(body.Label) ? "访问令牌" : body.Label.Trim();
        var info = await tokens.IssueAsync(secret, body.PersonId, label, a.Principal!.Id, now,
            body.ExpiresInDays is { } days ? now.AddDays(days) : null, req.HttpContext.RequestAborted);
        return Api.Created($"/api/tokens/{info.TokenId}",
            new IssuedToken(info.TokenId, secret, info.PersonId, info.Label, info.ExpiresAt, "令牌只显示这一次，请立即妥善保存。"));
    }

    [Function("ListTokens")]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tokens")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        return a.Failure ?? Api.Ok(await tokens.ListAsync(req.HttpContext.RequestAborted));
    }

    [Function("RevokeToken")]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/tokens/{tokenId}")] HttpRequest req, string tokenId)
    {
        var a = await auth.RequireAsync(req, Roles.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!await tokens.RevokeAsync(tokenId, time.GetUtcNow(), req.HttpContext.RequestAborted))
            return Api.NotFound($"令牌 {tokenId}");
        cache.ForgetToken(tokenId);
        return Api.NoContent();
    }
}
