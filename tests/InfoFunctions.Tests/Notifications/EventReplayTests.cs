using System.Net;
using System.Text;
using Azure.Data.Tables;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>
/// A correctly signed event post, replayed inside the signature window, is recognised by its events'
/// <c>sg_event_id</c> and applied once; a post with one bad event applies none.
/// </summary>
[Collection("notifications")]
public sealed class EventReplayTests(NotificationsFixture fx)
{
    private static string Bounce(string email, string eventId, long at) =>
        $$"""{"email":"{{email}}","event":"bounce","reason":"550 5.1.1 收件人不存在","timestamp":{{at}},""" +
        $$""" "sg_event_id":"{{eventId}}"}""";

    [Fact]
    public async Task A_replayed_post_is_not_applied_again_and_a_malformed_one_leaves_nothing()
    {
        await using var app = await fx.StartAppAsync(sendGrid: false);
        using var client = app.CreateClient();
        var failing = app.Tables.GetTableClient(StorageNames.Tables.FailingAddresses);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var ts = now.ToString();
        var email = $"replay.{Guid.NewGuid():N}@example.org";
        async Task<HttpResponseMessage> PostAsync(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/notifications/events")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-functions-key", TestApp.FunctionKey);
            request.Headers.Add(EventSignatureVerifier.TimestampHeader, ts);
            request.Headers.Add(EventSignatureVerifier.SignatureHeader,
                fx.Signer.Sign(ts, Encoding.UTF8.GetBytes(body)));
            return await client.SendAsync(request);
        }

        var post = $"[{Bounce(email, "evt-1", now)}]";
        var first = await PostAsync(post);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.JsonAsync()).GetProperty("failingMarked").GetInt32());
        var marked = (await failing.GetEntityAsync<TableEntity>("failing", email)).Value;
        Assert.Equal(1, marked.GetInt32("Count"));

        // The same bytes, signature and timestamp again: 200, skipped, the row not even rewritten.
        var replay = await PostAsync(post);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var skipped = await replay.JsonAsync();
        Assert.Equal(1, skipped.GetProperty("replayed").GetInt32());
        Assert.Equal(0, skipped.GetProperty("failingMarked").GetInt32());
        Assert.Equal(marked.ETag, (await failing.GetEntityAsync<TableEntity>("failing", email)).Value.ETag);

        // Another bounce of the same address is a new event and counts.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"[{Bounce(email, "evt-2", now)}]")).StatusCode);
        Assert.Equal(2, (await failing.GetEntityAsync<TableEntity>("failing", email)).Value.GetInt32("Count"));

        // A post whose second event is no object is refused whole: its first event is not applied either.
        var other = $"fresh.{Guid.NewGuid():N}@example.org";
        var refused = await PostAsync($"[{Bounce(other, "evt-3", now)},2]");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("[1]", (await refused.JsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.False((await failing.GetEntityIfExistsAsync<TableEntity>("failing", other)).HasValue);
        var absurd = await PostAsync($"[{Bounce(other, "evt-4", 1_000_000_000_000_000_000)}]");
        Assert.Equal(HttpStatusCode.BadRequest, absurd.StatusCode);
        Assert.False((await failing.GetEntityIfExistsAsync<TableEntity>("failing", other)).HasValue);
    }
}
