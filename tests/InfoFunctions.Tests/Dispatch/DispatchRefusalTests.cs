using System.Net;
using System.Text.Json;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>
/// What the dispatch services refuse, as callers see it: problem+json with a stable code and, for bad input,
/// every field at fault; nothing is stored.
/// </summary>
[Collection("dispatch-clock")]
public sealed class DispatchRefusalTests(DispatchClockFixture fx)
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

    private static IEnumerable<string> Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!);

    [Fact]
    public async Task Topics_refuse_bad_dates_and_strangers()
    {
        fx.Clock.Now = new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero);
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        await ProblemAsync(await editor.GetAsync("api/dispatch/topics?from=2026/05/01"), HttpStatusCode.BadRequest,
            "invalid-date");

        var invalid = await ProblemAsync(await editor.PostJsonAsync("api/dispatch/topics",
            new { title = "", deadline = "明天", unitIds = new[] { "xx" } }), HttpStatusCode.BadRequest,
                "validation-failed");
        Assert.Equal(["title", "deadline"], Fields(invalid));

        var created = await editor.PostJsonAsync("api/dispatch/topics",
            new { title = "灵璧县人大代表述职评议", deadline = "2026-06-30", unitIds = new[] { "lb" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("topic").GetProperty("id").GetString();

        // 秦浩宇 is not an addressee: the topic is not there for him, and he cannot answer it.
        using var qin = await fx.ClientForAsync("demo-qin-haoyu");
        await ProblemAsync(await qin.GetAsync($"api/dispatch/topics/{id}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await qin.PostJsonAsync($"api/dispatch/topics/{id}/response", new { accept = true }),
            HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await qin.PostJsonAsync("api/dispatch/topics/t-none/links", new { reportId = "x" }),
            HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Targets_name_each_bad_entry_and_store_none()
    {
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        await ProblemAsync(await editor.GetAsync("api/dispatch/targets/2026-Q3"), HttpStatusCode.BadRequest,
            "invalid-period");

        var bad = await ProblemAsync(await editor.PutJsonAsync("api/dispatch/targets/2025-P2", new
        {
            targets = new object[]
            {
                new { unitId = "ds", submissions = 5, adoptions = 1 },
                new { unitId = "nowhere", submissions = 5, adoptions = 1 },
                new { unitId = "xx", submissions = -1, adoptions = 1 },
                new { unitId = "ds", submissions = 6, adoptions = 2 },
            },
        }), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["targets[1].unitId", "targets[2].submissions", "targets"], Fields(bad));

        var stored = await editor.GetAsync("api/dispatch/targets/2025-P2");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(0, (await stored.JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Rotations_bulletins_and_special_issues_answer_404_for_what_is_not_there()
    {
        using var admin = fx.App.CreateAdminClient();
        var bad = await ProblemAsync(await admin.PostJsonAsync("api/dispatch/rotations",
            new { personId = "nobody", from = "2026-02-30", to = "soon" }), HttpStatusCode.BadRequest,
                "validation-failed");
        Assert.Equal(["personId", "from", "to"], Fields(bad));
        await ProblemAsync(await admin.DeleteAsync("api/dispatch/rotations/2026-01-01~nobody"), HttpStatusCode.NotFound,
            "not-found");
        await ProblemAsync(await admin.GetAsync("api/dispatch/rotations/2026-01-01~nobody/output"),
            HttpStatusCode.NotFound, "not-found");

        await ProblemAsync(await admin.GetAsync("api/dispatch/bulletins/2026-P1/pdf"), HttpStatusCode.NotFound,
            "not-found");
        await ProblemAsync(await admin.GetAsync("api/dispatch/bulletins/2026-P9/docx"), HttpStatusCode.BadRequest,
            "invalid-period");
        await ProblemAsync(await admin.GetAsync("api/dispatch/special-issues/2026-abc/docx"), HttpStatusCode.NotFound,
            "not-found");
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        var noIssue = await ProblemAsync(await editor.PostJsonAsync("api/dispatch/special-issues",
            new { issueNumber = 0, reportIds = Array.Empty<string>() }), HttpStatusCode.BadRequest,
                "validation-failed");
        Assert.Equal(["issueNumber", "reportIds"], Fields(noIssue));
    }
}
