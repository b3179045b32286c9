namespace InfoFunctions.Rewards;

/// <summary>积分与奖励标准: everyone reads the versions; admins add one, load the demo or preview a change.</summary>
public sealed class StandardFunctions(StandardsService standards)
{
    private const string Route = "api/rewards/standards";

    private static string Location(RewardStandard s) => $"/{Route}/{s.Version}";

    [Function("ListRewardStandards"), Allow(Role.Anyone)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await standards.ListAsync(ct));

    [Function("CreateRewardStandard"), Allow(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Created(await Api.ReadJsonAsync<StandardInput>(req)
            .ThenAsync(input => standards.CreateAsync(input, req.Principal(), ct)), Location);

    [Function("LoadDemoRewardStandard"), Allow(Role.Admin)]
    public async Task<IActionResult> LoadDemo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/demo")] HttpRequest req,
        CancellationToken ct) =>
        Api.Saved<RewardStandard>(await standards.LoadDemoAsync(req.Principal(), ct), Location);

    /// <summary>Each party's change for the open half-year under the proposed standard. Stores nothing.</summary>
    [Function("PreviewRewardStandard"), Allow(Role.Admin)]
    public async Task<IActionResult> Preview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/preview")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<StandardInput>(req)
            .ThenAsync(input => standards.PreviewAsync(input, req.Principal(), ct)));
}
