using System.Net;
using System.Text.Json;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

/// <summary>
/// What the rewards services refuse or find already done, as callers see it: problem+json with a stable code,
/// and 200 rather than 201 when an idempotent create finds its value made before.
/// </summary>
[Collection("rewards")]
public sealed class RewardsRefusalTests(RewardsFixture f)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status,
        string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [Fact]
    public async Task Bad_periods_and_years_are_400_and_missing_sheets_404()
    {
        await ProblemAsync(await f.Admin.GetAsync("api/rewards/ledger"), HttpStatusCode.BadRequest, "invalid-period");
        await ProblemAsync(await f.Admin.PostAsync("api/rewards/settlements/2019H3/run", null),
            HttpStatusCode.BadRequest, "invalid-period");
        await ProblemAsync(await f.Admin.GetAsync("api/rewards/settlements/2019H1/payout/pdf"),
            HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await f.Admin.GetAsync("api/rewards/settlements/2019H1/statements/team/x"),
            HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await f.Admin.GetAsync("api/rewards/contests/19"), HttpStatusCode.BadRequest,
            "invalid-year");
        await ProblemAsync(await f.Admin.GetAsync("api/rewards/assessments/2017"), HttpStatusCode.NotFound,
            "not-found");
        await ProblemAsync(await f.Admin.PostJsonAsync("api/rewards/assessments/2017/rotations", new { quota = 3 }),
            HttpStatusCode.BadRequest, "invalid-rotation");
        var thisYear = DateTimeOffset.UtcNow.Year + 1;
        await ProblemAsync(await f.Admin.PostAsync($"api/rewards/assessments/{thisYear}/run", null),
            HttpStatusCode.Conflict, "year-open");
    }

    [Fact]
    public async Task A_bad_standard_lists_every_fault_and_the_demo_is_not_loaded_over_existing_versions()
    {
        var bad = await ProblemAsync(await f.Admin.PostJsonAsync("api/rewards/standards/preview",
            new { effectiveFrom = "下个月", multiCarrier = "both" }), HttpStatusCode.BadRequest, "invalid-standard");
        Assert.Equal(2, bad.GetProperty("errors").GetArrayLength());

        // The fixture's two versions exist: loading the demo answers the latest, 200, and adds nothing.
        var demo = await f.Admin.PostAsync("api/rewards/standards/demo", null);
        Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
        var versions = await (await f.Admin.GetAsync("api/rewards/standards")).JsonAsync();
        Assert.Equal(versions[versions.GetArrayLength() - 1].GetProperty("version").GetInt32(),
            (await demo.JsonAsync()).GetProperty("version").GetInt32());
    }
}
