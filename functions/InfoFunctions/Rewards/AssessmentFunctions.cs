using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Rewards;

/// <summary>年底集中考核: the timer after year end, an admin's run and rotation quotas, the sheet for leaders, each person's own result.</summary>
public sealed class AssessmentFunctions(Authenticator auth, AssessmentService assessments, TimeProvider time)
{
    /// <summary>Daily in the first quarter (UTC schedule, 01:00 Beijing); assesses the past year once, so a missed day is caught up the next.</summary>
    [Function("AssessYear")]
    public Task AssessTimer([TimerTrigger("%Rewards__AssessmentSchedule%")] TimerInfo timer, CancellationToken ct) =>
        assessments.AssessDueAsync(ct);

    [Function("RunAssessment"), Allow(Role.Admin)]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/assessments/{year}/run")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!ContestFunctions.TryYear(year, out var y)) return ContestFunctions.InvalidYear();
        if (!AssessmentService.YearEnded(y, time.GetUtcNow()))
            return Api.Conflict("year-open", $"{y}年尚未结束（北京时间），年底集中考核须在年度结束后进行。");
        return Api.Ok(await assessments.RunAsync(y, req.HttpContext.RequestAborted));
    }

    [Function("SetRotationQuota"), Allow(Role.Admin)]
    public async Task<IActionResult> SetRotation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/assessments/{year}/rotations")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!ContestFunctions.TryYear(year, out var y)) return ContestFunctions.InvalidYear();
        var (body, error) = await Api.ReadJsonOrProblemAsync<RotationInput>(req);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(body!.PersonId) || body.Quota is not (>= 0 and <= 1000))
            return Api.BadRequest("invalid-rotation", "请填写人员编号（personId）和 0 到 1000 之间的轮岗任务数（quota）。");
        await assessments.SetRotationQuotaAsync(y, body.PersonId.Trim(), body.Quota.Value, body.Note, req.HttpContext.RequestAborted);
        return Api.Ok(body);
    }

    [Function("GetAssessment"), Allow(Role.Leader | Role.Admin)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/assessments/{year}")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req, Role.Leader, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!ContestFunctions.TryYear(year, out var y)) return ContestFunctions.InvalidYear();
        return await assessments.GetAsync(y, req.HttpContext.RequestAborted) is { } sheet ? Api.Ok(sheet) : Api.NotFound($"{y}年度考核结果");
    }

    [Function("GetOwnAssessment"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetOwn([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/assessments/{year}/me")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        if (!ContestFunctions.TryYear(year, out var y)) return ContestFunctions.InvalidYear();
        return await assessments.GetRowAsync(y, a.Principal!.Id, req.HttpContext.RequestAborted) is { } row ? Api.Ok(row) : Api.NotFound($"您{y}年度的考核结果");
    }
}
