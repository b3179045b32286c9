using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoFunctions.Dispatch;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

[Collection("app")]
public class ReviewIntakeTests(AppFixture fx)
{
    private static async Task<List<System.Text.Json.JsonElement>> HistoryAsync(HttpClient c, string id) =>
        (await (await c.GetAsync($"api/reports/{id}/history")).JsonAsync()).EnumerateArray().ToList();

    [Fact]
    public async Task Rephrased_copy_from_another_unit_is_flagged_with_a_link_and_an_unrelated_report_is_not()
    {
        using var yq = await ClientAsync(fx, YangFan);
        using var ds = await ClientAsync(fx, QinHaoyu);
        var original = await SubmitAsync(yq, "埇桥区人大代表视察农村饮水安全工程", ChineseSamples.Original);
        await WaitForStatusAsync(yq, original, "awaitingEdit");
        var copy = await SubmitAsync(ds, "区人大代表专题视察农村饮水安全工程", ChineseSamples.Rephrased);
        var unrelated = await SubmitAsync(ds, "砀山县人大常委会审议优化营商环境工作报告", ChineseSamples.Unrelated);
        await WaitForStatusAsync(ds, copy, "awaitingEdit");
        await WaitForStatusAsync(ds, unrelated, "awaitingEdit");

        var flagged = (await HistoryAsync(ds, copy)).Single(e => e.GetProperty("what").GetString() == "passChecks");
        // The note is for editors to read: the other report by tracking number and title; the link is data.
        var note = flagged.GetProperty("why").GetString()!;
        Assert.Matches(@"疑似与稿件 \S+《埇桥区人大代表视察农村饮水安全工程》重复（相似度 \d+%）", note);
        Assert.DoesNotContain("/api/", note);
        Assert.Equal(original, flagged.GetProperty("duplicateOf").GetString());
        var clean = (await HistoryAsync(ds, unrelated))
            .Single(e => e.GetProperty("what").GetString() == "passChecks")
            .GetProperty("why")
            .GetString()!;
        Assert.DoesNotContain("疑似", clean);
    }

    [Fact]
    public async Task Failed_checks_give_the_author_fixes_and_a_resubmission_is_checked_again()
    {
        using var officer = await ClientAsync(fx, YangFan);
        var id = await SubmitAsync(officer, "座谈", "区人大召开座谈会。");
        var etag = await WaitForStatusAsync(officer, id, "checksFailed");
        var why = (await HistoryAsync(officer, id)).Last().GetProperty("why").GetString()!;
        Assert.Contains("标题过短", why);
        Assert.Contains("正文过短", why);

        await OkAsync(
            officer,
            id,
            etag,
            "resubmit",
            "received",
            new { title = "萧县人大常委会召开代表座谈会（重报）", body = WalkBody("06") }
        );
        await WaitForStatusAsync(officer, id, "awaitingEdit");
        var whats = (await HistoryAsync(officer, id)).Select(e => e.GetProperty("what").GetString());
        Assert.Equal(["received", "failChecks", "resubmit", "passChecks"], whats);
    }

    [Fact]
    public async Task Two_concurrent_deliveries_of_one_message_take_effect_once()
    {
        // A report stored without its queue message, then the handler run twice at once, as an
        // at-least-once queue may deliver it to two instances.
        var now = DateTimeOffset.UtcNow;
        var id = ReportIds.New("xx", now);
        var report = new Report(
            id,
            "T-" + id[^8..],
            "xx",
            "萧县人大常委会听取代表意见（并发投递）",
            WalkBody("07"),
            ReportCategory.DailyNews,
            [new(YangFan, "杨帆", null, false)],
            null,
            Channel.Api,
            [],
            ReportStatus.Received,
            200,
            YangFan,
            now
        );
        Assert.True(await fx.App.Services.GetRequiredService<ReportStore>().CreateAsync(report, default));
        var processor = fx.App.Services.GetRequiredService<InfoFunctions.Review.IntakeProcessor>();
        var msg = new ReviewIntakeMessage(id, report.TrackingNumber, "xx");

        var results = await Task.WhenAll(processor.ProcessAsync(msg, default), processor.ProcessAsync(msg, default));
        Assert.Equal([false, true], results.Order());
        Assert.False(await processor.ProcessAsync(msg, default)); // and a late redelivery does nothing

        using var editor = await ClientAsync(fx, LinXiaowen);
        var events = await HistoryAsync(editor, id);
        Assert.Equal(["received", "passChecks"], events.Select(e => e.GetProperty("what").GetString()));
    }
}

/// <summary>Fails the first call, like a storage hiccup while reading the rotation calendar.</summary>
public sealed class FlakyCalendar : IRotationCalendar
{
    private int _calls;
    public int Calls => _calls;

    public Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct) =>
        Interlocked.Increment(ref _calls) == 1
            ? throw new Azure.RequestFailedException(503, "模拟的瞬时故障")
            : Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>
/// Its own Azurite: a separate app with a failing dependency must not take the shared app's messages.
/// </summary>
public class ReviewRetryTests
{
    [Fact]
    public async Task A_handler_that_fails_transiently_is_retried_and_its_effect_happens_once()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var calendar = new FlakyCalendar();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            configureServices: s => s.AddSingleton<IRotationCalendar>(calendar)
        );
        using var admin = app.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        var response = await admin.PostJsonAsync(
            "api/reports",
            new
            {
                title = "萧县人大常委会听取代表意见（瞬时故障）",
                body = WalkBody("08"),
                unitId = "xx",
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetString()!;

        string? status = null;
        await Eventually.HoldsAsync(
            async () =>
                (
                    status = (await (await admin.GetAsync($"api/reports/{id}")).JsonAsync())
                        .GetProperty("report")
                        .GetProperty("status")
                        .GetString()
                ) == "awaitingEdit",
            $"awaitingEdit after a retry (last {status})"
        );
        Assert.True(calendar.Calls >= 2, "the first attempt failed and a later one succeeded");
        var history = (await (await admin.GetAsync($"api/reports/{id}/history")).JsonAsync())
            .EnumerateArray()
            .Select(e => e.GetProperty("what").GetString())
            .ToList();
        Assert.Equal(["received", "passChecks"], history);
        var poison = app.Queues.GetQueueClient(StorageNames.Queues.Review + "-poison");
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
