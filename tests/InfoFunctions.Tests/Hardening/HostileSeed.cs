using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Review;
using Xunit;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// What the hostile requests aim at, planted through the API by an app with its queues and timers running: the
/// demo network and reward standard, a token per <see cref="Caller"/>, a report past intake (awaiting edit), a
/// 约稿 for its unit and a 轮岗 window.
/// </summary>
public sealed record HostileSeed(
    IReadOnlyDictionary<Caller, string> Tokens, string ReportId, string ReportETag, string TopicId, string RotationId)
{
    public const string OfficerId = ReviewTestSupport.YangFan;

    public static readonly IReadOnlyDictionary<Caller, string> People = new Dictionary<Caller, string>
    {
        [Caller.Officer] = ReviewTestSupport.YangFan,
        [Caller.Editor] = ReviewTestSupport.LinXiaowen,
        [Caller.Signer] = ReviewTestSupport.ZhouMingyuan,
        [Caller.Leader] = ReviewTestSupport.GaoJianguo,
        [Caller.Admin] = ReviewTestSupport.SongYiran,
    };

    public static async Task<HostileSeed> PlantAsync(TestApp app)
    {
        using var admin = app.CreateAdminClient();
        await OkAsync(await admin.PostAsync("api/directory/demo", null));
        await OkAsync(await admin.PostAsync("api/rewards/standards/demo", null));
        var tokens = new Dictionary<Caller, string>();
        foreach (var (caller, personId) in People)
        {
            var issued = await OkAsync(await admin.PostJsonAsync("api/tokens",
                new { personId, label = "hostile-input suite" }));
            tokens[caller] = (await issued.JsonAsync()).GetProperty("token").GetString()!;
        }

        using var officer = app.CreateClient(tokens[Caller.Officer]);
        var reportId = await ReviewTestSupport.SubmitAsync(officer, "埇桥区人大常委会开展代表履职培训",
            ReviewTestSupport.WalkBody("9"));
        var etag = await ReviewTestSupport.WaitForStatusAsync(officer, reportId, "awaitingEdit");

        using var editor = app.CreateClient(tokens[Caller.Editor]);
        var deadline = BusinessTime.Format(BusinessTime.DayOf(DateTimeOffset.UtcNow).AddDays(30));
        var topic = await OkAsync(await editor.PostJsonAsync("api/dispatch/topics",
            new { title = "代表建议办理情况", deadline, unitIds = new[] { "yq" } }));
        var topicId = (await topic.JsonAsync()).GetProperty("topic").GetProperty("id").GetString()!;

        var year = BusinessTime.DayOf(DateTimeOffset.UtcNow).Year + 1;
        var rotation = await OkAsync(await admin.PostJsonAsync("api/dispatch/rotations",
            new { personId = ReviewTestSupport.HeJiarui, from = $"{year}-03-01", to = $"{year}-03-20" }));
        var rotationId = (await rotation.JsonAsync()).GetProperty("id").GetString()!;

        // Whatever the seeding queued has been handled before the suite starts counting.
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var queue in StorageNames.All(typeof(StorageNames.Queues)))
                if ((await app.Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
                    return false;
            return true;
        }, "the seeding's queues are empty");
        return new HostileSeed(tokens, reportId, etag, topicId, rotationId);
    }

    private static async Task<HttpResponseMessage> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode,
            $"seeding: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
