using System.Net;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// What review shows (<c>ReviewQueries</c>) and the reports table's one commit path (<c>ReportStore</c>).
/// </summary>
[Collection("app")]
public sealed class ReviewQueriesTests(AppFixture fx)
{
    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Versions_diffs_and_queues_refuse_what_does_not_exist_or_is_not_theirs()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var otherUnit = await ClientAsync(fx, QinHaoyu);
        var id = await SubmitAsync(officer, "萧县人大常委会听取代表意见（查询测试）" + Guid.NewGuid().ToString("N")[..4], WalkBody("07"));

        Assert.Equal("invalid-version", await CodeAsync(await officer.GetAsync($"api/reports/{id}/diff?from=1&to=9"),
            HttpStatusCode.BadRequest));
        Assert.Equal("not-found", await CodeAsync(await officer.GetAsync($"api/reports/{id}/versions/9"),
            HttpStatusCode.NotFound));
        Assert.Equal(1,
            (await (await officer.GetAsync($"api/reports/{id}/versions/1")).JsonAsync())
            .GetProperty("number").GetInt32());
        Assert.Equal("forbidden", await CodeAsync(await otherUnit.GetAsync($"api/reports/{id}/history"),
            HttpStatusCode.Forbidden));
        Assert.Equal("not-found", await CodeAsync(await officer.GetAsync("api/reports/yq~nothing/carriers"),
            HttpStatusCode.NotFound));

        Assert.Equal("invalid-role", await CodeAsync(await officer.GetAsync("api/review/queue?as=leader"),
            HttpStatusCode.BadRequest));
        Assert.Equal("forbidden", await CodeAsync(await officer.GetAsync("api/review/queue?as=signer"),
            HttpStatusCode.Forbidden));
        var mine = await (await officer.GetAsync("api/review/queue?as=officer")).JsonAsync();
        Assert.Contains(mine.EnumerateArray(), w => w.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_commit_at_a_stale_ETag_changes_nothing_and_the_next_sequence_follows_the_history()
    {
        using var officer = await ClientAsync(fx, YangFan);
        var id = await SubmitAsync(officer, "萧县人大常委会听取代表意见（提交测试）" + Guid.NewGuid().ToString("N")[..4], WalkBody("08"));
        await WaitForStatusAsync(officer, id, "awaitingEdit");
        var store = fx.App.Services.GetRequiredService<ReportStore>();
        var (report, etag) = (await store.GetAsync(id, default))!.Value;
        var next = await store.NextSequenceAsync(report, default);
        Assert.Equal((await store.EventsAsync(id, default)).Count + 1, next);
        // A row written before it kept its last event's number: the history is counted, to the same answer.
        Assert.Equal(next, await store.NextSequenceAsync(report with { LastEvent = null }, default));

        var first = new ReportEvent(id, next, "test-note", "tester", DateTimeOffset.UtcNow, "第一次");
        var tag = await store.CommitAsync(report, etag, first);
        Assert.NotNull(tag);
        // The same ETag again: someone else (the first commit) changed the report meanwhile.
        var second = new ReportEvent(id, next + 1, "test-note", "tester", DateTimeOffset.UtcNow, "第二次");
        Assert.Null(await store.CommitAsync(report, etag, second));
        var history = await store.EventsAsync(id, default);
        Assert.Equal("第一次", history[^1].Why);
        var (after, _) = (await store.GetAsync(id, default))!.Value;
        Assert.Equal(next, after.LastEvent);
        Assert.Equal(next + 1, await store.NextSequenceAsync(after, default));
    }
}
