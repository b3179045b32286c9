namespace InfoFunctions.Rewards;

/// <summary>
/// 好信息评选: editors nominate, judges (editors, leaders, admins) score and comment, an admin finalizes; the
/// result is published to everyone.
/// </summary>
public sealed class ContestFunctions(ContestService contest)
{
    private const string Route = "api/rewards/contests/{year}";

    private static Func<T, string> Location<T>(string year) => _ => $"/api/rewards/contests/{year}";

    [Function("GetContest"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, string year,
        CancellationToken ct) =>
        Api.Ok(await contest.ViewAsync(year, req.Principal(), ct));

    [Function("NominateForContest"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> Nominate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/nominations")] HttpRequest req,
        string year, CancellationToken ct) =>
        Api.Saved(await Api.ReadJsonAsync<NominationInput>(req)
            .ThenAsync(input => contest.NominateAsync(year, input, req.Principal(), ct)), Location<Nomination>(year));

    [Function("ScoreContestNominee"), Allow(ContestService.Judges)]
    public async Task<IActionResult> Score(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/nominations/{reportId}/scores")]
        HttpRequest req, string year, string reportId, CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<ScoreInput>(req)
            .ThenAsync(input => contest.ScoreAsync(year, reportId, input, req.Principal(), ct)));

    /// <summary>The body (grade thresholds) is optional.</summary>
    [Function("FinalizeContest"), Allow(Role.Admin)]
    public async Task<IActionResult> Finalize(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/finalize")] HttpRequest req,
        string year, CancellationToken ct)
    {
        var input = await Api.ReadOptionalJsonAsync(req, new FinalizeInput(null, null, null));
        return Api.Saved(await input.ThenAsync(i => contest.FinalizeAsync(year, i, req.Principal(), ct)),
            Location<ContestResult>(year));
    }
}
