using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Rewards;

/// <summary>好信息评选: editors nominate, judges (editors, leaders, admins) score and comment, an admin finalizes; the result is published to everyone.</summary>
public sealed class ContestFunctions(Authenticator auth, ContestService contest)
{
    private const Role Judges = Role.Editor | Role.Leader | Role.Admin;

    [Function("GetContest"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/contests/{year}")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        if (!TryYear(year, out var y)) return InvalidYear();
        // Everyone sees the published result; nominations and scores are for the judges.
        return Api.Ok(await contest.ViewAsync(y, a.Principal!.IsInRole(Judges), req.HttpContext.RequestAborted));
    }

    [Function("NominateForContest"), Allow(Role.Editor | Role.Admin)]
    public async Task<IActionResult> Nominate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/contests/{year}/nominations")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req, Role.Editor, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!TryYear(year, out var y)) return InvalidYear();
        var (body, error) = await Api.ReadJsonOrProblemAsync<NominationInput>(req);
        if (error is not null) return error;
        return ToResult(await contest.NominateAsync(y, body!, a.Principal!.Id, req.HttpContext.RequestAborted), $"/api/rewards/contests/{y}");
    }

    [Function("ScoreContestNominee"), Allow(Role.Editor | Role.Leader | Role.Admin)]
    public async Task<IActionResult> Score(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/contests/{year}/nominations/{reportId}/scores")] HttpRequest req, string year, string reportId)
    {
        var a = await auth.RequireAsync(req, Judges);
        if (a.Failure is not null) return a.Failure;
        if (!TryYear(year, out var y)) return InvalidYear();
        var (body, error) = await Api.ReadJsonOrProblemAsync<ScoreInput>(req);
        if (error is not null) return error;
        return ToResult(await contest.ScoreAsync(y, reportId, body!, a.Principal!.Id, a.Principal.Name, req.HttpContext.RequestAborted), $"/api/rewards/contests/{y}");
    }

    [Function("FinalizeContest"), Allow(Role.Admin)]
    public async Task<IActionResult> Finalize([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/contests/{year}/finalize")] HttpRequest req, string year)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!TryYear(year, out var y)) return InvalidYear();
        var input = new FinalizeInput(null, null, null);
        if (req.ContentLength is > 0)
        {
            var (body, error) = await Api.ReadJsonOrProblemAsync<FinalizeInput>(req);
            if (error is not null) return error;
            input = body!;
        }
        return ToResult(await contest.FinalizeAsync(y, input, a.Principal!.Id, req.HttpContext.RequestAborted), $"/api/rewards/contests/{y}");
    }

    internal static bool TryYear(string text, out int year) => int.TryParse(text, out year) && year is >= 2000 and <= 2100;

    internal static IActionResult InvalidYear() => Api.BadRequest("invalid-year", "年度应为四位数字，例如 2026。");

    private static IActionResult ToResult(ContestOutcome o, string location) => o.Code is not null
        ? Api.Problem(o.Status, o.Code, o.Detail!)
        : o.Status == 201 ? Api.Created(location, o.Value) : Api.Ok(o.Value);
}
