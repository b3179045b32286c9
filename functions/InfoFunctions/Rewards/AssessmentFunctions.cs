namespace InfoFunctions.Rewards;

/// <summary>
/// 年底集中考核: the timer after year end, an admin's run and rotation quotas, the sheet for leaders, each person's
/// own result.
/// </summary>
public sealed class AssessmentFunctions(AssessmentService assessments)
{
    private const string Route = "api/rewards/assessments/{year}";

    /// <summary>
    /// Daily in the first quarter (UTC schedule, 01:00 Beijing); assesses the past year once, so a missed day is
    /// caught up the next.
    /// </summary>
    [Function("AssessYear")]
    public Task AssessTimer([TimerTrigger("%Rewards__AssessmentSchedule%")] TimerInfo timer, CancellationToken ct) =>
        assessments.AssessDueAsync(ct);

    [Function("RunAssessment"), Allow(Role.Admin)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/run")] HttpRequest req,
        string year, CancellationToken ct) =>
        Api.Ok(await assessments.RunAsync(year, ct));

    [Function("SetRotationQuota"), Allow(Role.Admin)]
    public async Task<IActionResult> SetRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/rotations")] HttpRequest req,
        string year, CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<RotationQuotaInput>(req)
            .ThenAsync(input => assessments.SetRotationQuotaAsync(year, input, ct)));

    [Function("GetAssessment"), Allow(Role.Leader | Role.Admin)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, string year,
        CancellationToken ct) =>
        Api.Ok(await assessments.GetAsync(year, ct));

    [Function("GetOwnAssessment"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetOwn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/me")] HttpRequest req,
        string year, CancellationToken ct) =>
        Api.Ok(await assessments.GetRowAsync(year, req.Principal(), ct));
}
