namespace InfoFunctions.Review;

/// <summary>
/// The intake format checks on a draft, before it is sent: the console shows the same fixes intake
/// would ask for while the author types. Stores nothing.
/// </summary>
public sealed class DraftCheckFunction(FormatChecks checks)
{
    [Function("CheckDraft"), Allow(Role.Anyone)]
    public async Task<IActionResult> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/review/checks")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await (await Api.ReadJsonAsync<DraftChecksRequest>(req))
            .ThenAsync(draft => checks.CheckDraftAsync(draft, ct)));
}
