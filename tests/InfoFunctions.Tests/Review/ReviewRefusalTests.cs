using System.Net;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

[Collection("app")]
public class ReviewRefusalTests(AppFixture fx)
{
    /// <summary>Each refusal leaves the report exactly as it was (same ETag, same state).</summary>
    private HttpClient _author = null!;

    private async Task RefusedAsync(
        HttpClient client,
        string id,
        string etag,
        string action,
        HttpStatusCode status,
        string code,
        object? body = null
    )
    {
        var response = await ActAsync(client, id, etag, action, body);
        var problem = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"{action}: {(int)response.StatusCode} {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        Assert.Equal(etag, (await GetAsync(_author, id)).ETag);
    }

    [Fact]
    public async Task Wrong_role_or_unit_is_refused_at_each_step()
    {
        using var officer = _author = await ClientAsync(fx, YangFan);
        using var otherUnit = await ClientAsync(fx, QinHaoyu);
        using var leader = await ClientAsync(fx, GaoJianguo);
        using var admin = await ClientAsync(fx, SongYiran);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        var id = await SubmitAsync(
            officer,
            "萧县人大常委会听取代表意见（拒绝测试）" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("02")
        );
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(fx, editorId);
        var otherEditorId = new[] { LinXiaowen, HeJiarui }.First(x => x != editorId);
        using var otherEditor = await ClientAsync(fx, otherEditorId);

        // Nobody but the queue passes checks; an officer cannot edit; another unit cannot even see it.
        await RefusedAsync(editor, id, etag, "passChecks", HttpStatusCode.Conflict, "invalid-transition");
        await RefusedAsync(officer, id, etag, "startEdit", HttpStatusCode.Forbidden, "role-not-allowed");
        await RefusedAsync(leader, id, etag, "startEdit", HttpStatusCode.Forbidden, "role-not-allowed");
        await RefusedAsync(otherUnit, id, etag, "withdraw", HttpStatusCode.Forbidden, "forbidden");
        await RefusedAsync(editor, id, etag, "signOff", HttpStatusCode.Conflict, "invalid-transition");
        await RefusedAsync(editor, id, etag, "reject", HttpStatusCode.BadRequest, "comment-required");
        // An editor who is also an officer, but of another unit, cannot withdraw the author's report.
        await RefusedAsync(otherEditor, id, etag, "withdraw", HttpStatusCode.Forbidden, "other-unit");

        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        await RefusedAsync(
            otherEditor,
            id,
            etag,
            "saveEdit",
            HttpStatusCode.Forbidden,
            "not-assigned-editor",
            new { body = WalkBody("02") + "改" }
        );
        await RefusedAsync(
            officer,
            id,
            etag,
            "saveEdit",
            HttpStatusCode.Forbidden,
            "role-not-allowed",
            new { body = WalkBody("02") + "改" }
        );
        await RefusedAsync(
            editor,
            id,
            etag,
            "return",
            HttpStatusCode.BadRequest,
            "comment-required",
            new { comment = " " }
        );

        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        await RefusedAsync(officer, id, etag, "approve", HttpStatusCode.Forbidden, "role-not-allowed");
        await RefusedAsync(admin, id, etag, "approve", HttpStatusCode.Forbidden, "role-not-allowed");
        await RefusedAsync(officer, id, etag, "resubmit", HttpStatusCode.Conflict, "invalid-transition");

        etag = await OkAsync(editor, id, etag, "approve", "awaitingSignOff");
        var plainEditor = editorId == ZhouMingyuan ? otherEditor : editor; // an editor without the signer role
        await RefusedAsync(plainEditor, id, etag, "signOff", HttpStatusCode.Forbidden, "role-not-allowed");
        await RefusedAsync(admin, id, etag, "signOff", HttpStatusCode.Forbidden, "role-not-allowed");
        await RefusedAsync(
            plainEditor,
            id,
            etag,
            "return",
            HttpStatusCode.Forbidden,
            "role-not-allowed",
            new { comment = "退回" }
        );

        etag = await OkAsync(leader, id, etag, "signOff", "signedOff"); // a leader-signer who did not edit it
        await RefusedAsync(
            officer,
            id,
            etag,
            "forward",
            HttpStatusCode.Forbidden,
            "role-not-allowed",
            new { carriers = new[] { new { carrierId = "ah-web" } } }
        );
        await RefusedAsync(officer, id, etag, "withdraw", HttpStatusCode.Conflict, "invalid-transition");
        await RefusedAsync(
            editor,
            id,
            etag,
            "forward",
            HttpStatusCode.BadRequest,
            "unknown-carrier",
            new { carriers = new[] { new { carrierId = "no-such-carrier" } } }
        );
        await RefusedAsync(
            editor,
            id,
            etag,
            "adopt",
            HttpStatusCode.Conflict,
            "invalid-transition",
            new { adoption = new { carrierId = "ah-web", adoptedOn = "2026-11-22" } }
        );

        etag = await OkAsync(
            editor,
            id,
            etag,
            "forward",
            "forwarded",
            new { carriers = new[] { new { carrierId = "ah-dbzs" } } }
        );
        await RefusedAsync(
            signer,
            id,
            etag,
            "adopt",
            HttpStatusCode.BadRequest,
            "not-forwarded",
            new { adoption = new { carrierId = "ah-web", adoptedOn = "2026-11-22" } }
        );
        await RefusedAsync(
            admin,
            id,
            etag,
            "adopt",
            HttpStatusCode.Forbidden,
            "role-not-allowed",
            new { adoption = new { carrierId = "ah-dbzs", adoptedOn = "2026-11-22" } }
        );
        await RefusedAsync(
            officer,
            id,
            etag,
            "notAdopted",
            HttpStatusCode.Forbidden,
            "role-not-allowed",
            new { carrierId = "ah-dbzs" }
        );
        etag = await OkAsync(
            editor,
            id,
            etag,
            "notAdopted",
            "forwarded",
            new { carrierId = "ah-dbzs", comment = "版面已满" }
        );

        // Without If-Match nothing happens.
        var bare = await officer.PostAsync($"api/reports/{id}/review/withdraw", null);
        Assert.Equal((HttpStatusCode)428, bare.StatusCode);
        Assert.Equal(etag, (await GetAsync(officer, id)).ETag);
    }

    [Fact]
    public async Task Author_withdraws_and_editor_rejects_with_a_reason()
    {
        using var officer = _author = await ClientAsync(fx, YangFan);
        var first = await SubmitAsync(
            officer,
            "萧县人大常委会听取代表意见（撤回测试）" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("03")
        );
        var etag = await WaitForStatusAsync(officer, first, "awaitingEdit");
        await OkAsync(officer, first, etag, "withdraw", "withdrawn");

        var second = await SubmitAsync(
            officer,
            "萧县人大常委会听取代表意见（不予采用）" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("04")
        );
        etag = await WaitForStatusAsync(officer, second, "awaitingEdit");
        var editorId = (await GetAsync(officer, second)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(fx, editorId);
        etag = await OkAsync(editor, second, etag, "reject", "rejected", new { comment = "内容与上周报送稿件重复。" });
        await RefusedAsync(officer, second, etag, "resubmit", HttpStatusCode.Conflict, "invalid-transition");
        var history = (await (await officer.GetAsync($"api/reports/{second}/history")).JsonAsync())
            .EnumerateArray()
            .Last();
        Assert.Equal("reject", history.GetProperty("what").GetString());
        Assert.Equal("内容与上周报送稿件重复。", history.GetProperty("why").GetString());
    }

    [Fact]
    public async Task Two_editors_at_the_same_ETag_one_wins_the_other_gets_412_with_the_current_state()
    {
        using var officer = _author = await ClientAsync(fx, YangFan);
        using var lin = await ClientAsync(fx, LinXiaowen);
        using var he = await ClientAsync(fx, HeJiarui);
        var id = await SubmitAsync(
            officer,
            "萧县人大常委会听取代表意见（并发测试）" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("05")
        );
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");

        // Both read the same version and start editing at once.
        var responses = await Task.WhenAll(ActAsync(lin, id, etag, "startEdit"), ActAsync(he, id, etag, "startEdit"));
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.PreconditionFailed],
            responses.Select(r => r.StatusCode).Order()
        );
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? LinXiaowen : HeJiarui;
        var loser = await responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed).JsonAsync();
        Assert.Equal("precondition-failed", loser.GetProperty("code").GetString());
        Assert.Equal("editing", loser.GetProperty("current").GetProperty("report").GetProperty("status").GetString());
        Assert.Equal(winner, loser.GetProperty("current").GetProperty("report").GetProperty("editorId").GetString());
        var (report, current) = await GetAsync(officer, id);
        Assert.Equal(current, loser.GetProperty("current").GetProperty("etag").GetString());

        // The loser's stale edit is refused too, never a silent overwrite.
        using var winnerClient = winner == LinXiaowen ? lin : he;
        var stale = await ActAsync(
            winnerClient,
            id,
            etag,
            "saveEdit",
            new { body = WalkBody("05") + "（旧版本上的修改）" }
        );
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var history = (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync())
            .EnumerateArray()
            .Select(e => e.GetProperty("what").GetString())
            .ToList();
        Assert.Equal(["received", "passChecks", "startEdit"], history);
        Assert.Equal(winner, report.GetProperty("editorId").GetString());
    }
}
