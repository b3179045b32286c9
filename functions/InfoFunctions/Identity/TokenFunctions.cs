namespace InfoFunctions.Identity;

/// <summary>Admins issue and revoke personal access tokens; anyone signed in can ask who they are.</summary>
public sealed class TokenFunctions(TokenService tokens)
{
    [Function("Me"), Allow(Role.Anyone)]
    public IActionResult Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest req) =>
        Api.Ok(req.Principal());

    [Function("IssueToken"), Allow(Role.Admin)]
    public async Task<IActionResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/tokens")] HttpRequest req,
        CancellationToken ct
    ) =>
        Api.Created(
            await Api.ReadJsonAsync<IssueTokenRequest>(req)
                .ThenAsync(body => tokens.IssueAsync(req.Principal(), body, ct)),
            issued => $"/api/tokens/{issued.TokenId}"
        );

    [Function("ListTokens"), Allow(Role.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/tokens")] HttpRequest req,
        CancellationToken ct
    ) => Api.Ok(await tokens.ListAsync(ct));

    [Function("RevokeToken"), Allow(Role.Admin)]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/tokens/{tokenId}")] HttpRequest req,
        string tokenId,
        CancellationToken ct
    ) => Api.NoContent(await tokens.RevokeAsync(tokenId, ct));
}
