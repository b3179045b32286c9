using System.Net;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Review;

/// <summary>Its own Azurite, so the suite's main app does not consume the re-queued messages.</summary>
public class PoisonTests
{
    [Fact]
    public async Task Admin_lists_poison_messages_and_requeues_one_then_all_and_they_are_processed()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        using var admin = app.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);

        // Two stored reports whose review messages ended up in the poison queue.
        var store = app.Services.GetRequiredService<ReportStore>();
        var poison = app.Queues.GetQueueClient(StorageNames.Queues.Review + "-poison");
        var ids = new List<string>();
        var messageIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var id = ReportIds.New("xx", now);
            var report = new Report(
                id,
                $"P-{i}",
                "xx",
                $"萧县人大常委会听取代表意见（毒消息{i}）",
                ReviewTestSupport.WalkBody($"1{i}"),
                ReportCategory.DailyNews,
                [new("demo-yang-fan", "杨帆", null, false)],
                null,
                Channel.Api,
                [],
                ReportStatus.Received,
                200,
                "demo-yang-fan",
                now
            );
            Assert.True(await store.CreateAsync(report, default));
            ids.Add(id);
            messageIds.Add(
                (
                    await poison.SendMessageAsync(
                        Json.Serialize(new ReviewIntakeMessage(id, report.TrackingNumber, "xx"))
                    )
                )
                    .Value
                    .MessageId
            );
        }

        var list = await (await admin.GetAsync("api/admin/poison")).JsonAsync();
        var review = list.EnumerateArray()
            .Single(q => q.GetProperty("queue").GetString() == StorageNames.Queues.Review);
        Assert.Equal(2, review.GetProperty("count").GetInt32());
        Assert.Contains(
            review.GetProperty("messages").EnumerateArray(),
            m => m.GetProperty("text").GetString()!.Contains(ids[0])
        );

        async Task<string> Status(string id) =>
            (await (await admin.GetAsync($"api/reports/{id}")).JsonAsync())
                .GetProperty("report")
                .GetProperty("status")
                .GetString()!;

        var one = await admin.PostAsync(
            $"api/admin/poison/{StorageNames.Queues.Review}/requeue?messageId={messageIds[0]}",
            null
        );
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(1, (await one.JsonAsync()).GetProperty("requeued").GetInt32());
        await Eventually.HoldsAsync(
            async () => await Status(ids[0]) == "awaitingEdit",
            "the re-queued message is processed"
        );
        Assert.Equal("received", await Status(ids[1]));
        Assert.Single((await poison.PeekMessagesAsync(10)).Value);

        var rest = await (
            await admin.PostAsync($"api/admin/poison/{StorageNames.Queues.Review}/requeue", null)
        ).JsonAsync();
        Assert.Equal(1, rest.GetProperty("requeued").GetInt32());
        await Eventually.HoldsAsync(async () => await Status(ids[1]) == "awaitingEdit", "the rest is processed");
        Assert.Empty((await poison.PeekMessagesAsync(10)).Value);

        Assert.Equal(
            HttpStatusCode.NotFound,
            (await admin.PostAsync("api/admin/poison/no-such-queue/requeue", null)).StatusCode
        );
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/admin/poison")).StatusCode);
    }
}
