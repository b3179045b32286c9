namespace InfoFunctions.Dispatch;

/// <summary>
/// 定目标: editors set each unit's targets for a period; everyone reads progress (officers their unit's).
/// </summary>
public sealed class TargetFunctions(TargetService targets)
{
    private const string Route = "api/dispatch/targets/{period}";

    [Function("SetTargets"), Allow(Role.Editor)]
    public async Task<IActionResult> Set(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest req, string period,
            CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<TargetsInput>(req)
            .ThenAsync(input => targets.SetAsync(period, input, req.Principal(), ct)));

    [Function("GetTargets"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, string period,
            CancellationToken ct) =>
        Api.Ok(await targets.GetAsync(period, req.Principal(), ct));
}
