using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>Through LocalHost: the queue trigger, the host's retry/poison, and the HTTP endpoints.</summary>
[Collection("notifications")]
public sealed class NotificationsIntegrationTests(NotificationsFixture fx)
{
    private static string Key(string what) => $"{what}:{Guid.NewGuid():N}";

    private static async Task<JsonElement> LogFor(HttpClient admin, string email)
    {
        var response = await admin.GetAsync($"api/notifications/log?email={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task<JsonElement?> EntryFor(HttpClient admin, string email, string key) =>
        (await LogFor(admin, email))
            .EnumerateArray()
            .Where(e => e.GetProperty("idempotencyKey").GetString() == key)
            .Select(e => (JsonElement?)e)
            .FirstOrDefault();

    [Fact]
    public async Task Without_a_key_a_receipt_lands_in_the_outbox_as_eml_and_json()
    {
        await using var app = await fx.StartAppAsync(sendGrid: false);
        using var admin = app.CreateAdminClient();
        var key = Key("receipt");
        // What Submissions enqueues when a report arrives.
        await app
            .Services.GetRequiredService<NotificationQueue>()
            .EnqueueAsync(
                NotificationTestData.Message(
                    Templates.Receipt,
                    NotificationTo.Address("张三 <zhangsan.outbox@example.org>"),
                    key
                )
            );

        JsonElement? item = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var list = await (await admin.GetAsync("api/notifications/outbox")).JsonAsync();
                item = list.EnumerateArray()
                    .Where(x => x.GetProperty("idempotencyKey").GetString() == key)
                    .Select(x => (JsonElement?)x)
                    .FirstOrDefault();
                return item is not null;
            },
            "receipt in the outbox"
        );

        var id = item!.Value.GetProperty("id").GetString()!;
        Assert.Equal("zhangsan.outbox@example.org", item.Value.GetProperty("to").GetString());
        var eml = await admin.GetAsync($"api/notifications/outbox/{id}");
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        Assert.Equal("message/rfc822", eml.Content.Headers.ContentType!.MediaType);
        var mime = await MimeKit.MimeMessage.LoadAsync(await eml.Content.ReadAsStreamAsync());
        Assert.Equal(
            "【收稿回执】《埇桥区人大常委会开展农村人居环境整治专题调研》已收到，编号 XX-2025-0137",
            mime.Subject
        );
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        Assert.Equal("All", mime.Headers["X-Auto-Response-Suppress"]);
        Assert.Contains("张三同志：", mime.TextBody);

        var json = await (await admin.GetAsync($"api/notifications/outbox/{id}?format=json")).JsonAsync();
        Assert.Equal(mime.Subject, json.GetProperty("subject").GetString());
        Assert.Contains("稿件编号：XX-2025-0137", json.GetProperty("text").GetString());

        var entry = await EntryFor(admin, "zhangsan.outbox@example.org", key);
        Assert.Equal("sent", entry!.Value.GetProperty("status").GetString());
        Assert.Equal("outbox", entry.Value.GetProperty("sender").GetString());
        Assert.Empty(fx.SendGrid.For(key));

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/notifications/outbox")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await admin.GetAsync("api/notifications/outbox/20250101-000000-000000000000")).StatusCode
        );
    }

    [Fact]
    public async Task With_a_key_a_message_put_on_the_queue_twice_is_sent_once_through_SendGrid()
    {
        await using var app = await fx.StartAppAsync(sendGrid: true);
        using var admin = app.CreateAdminClient();
        var key = Key("adopted");
        var message = NotificationTestData.Message(Templates.Adopted, NotificationTo.Address("twice@example.org"), key);
        var queue = fx.Queues.GetQueueClient(StorageNames.Queues.Notifications);
        // Other tests may leave delayed re-checks behind; count from here.
        var baseline = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        // The same message delivered again after it was handled, as at-least-once queues may.
        await queue.SendMessageAsync(Json.Serialize(message));
        await Eventually.HoldsAsync(
            async () =>
                (await EntryFor(admin, "twice@example.org", key))?.GetProperty("status").GetString() == "sent"
                && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == baseline,
            "first copy handled"
        );
        await queue.SendMessageAsync(Json.Serialize(message));
        await Eventually.HoldsAsync(
            async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == baseline,
            "second copy handled"
        );

        var request = Assert.Single(fx.SendGrid.For(key));
        Assert.Contains("《代表之声》", request.Body);
        var entry = (await EntryFor(admin, "twice@example.org", key))!.Value;
        Assert.Equal("sendgrid", entry.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task A_500_every_time_ends_in_poison_after_five_dequeues_and_the_log_says_why()
    {
        await using var app = await fx.StartAppAsync(sendGrid: true);
        using var admin = app.CreateAdminClient();
        var key = Key("statement");
        fx.SendGrid.Rules.Add(r =>
            r.Body.Contains("always500@example.org")
                ? new FakeSendGridServer.Scripted(500, Body: "SendGrid 内部错误")
                : null
        );
        await app
            .Services.GetRequiredService<NotificationQueue>()
            .EnqueueAsync(
                NotificationTestData.Message(
                    Templates.HalfYearStatement,
                    NotificationTo.Address("always500@example.org"),
                    key
                )
            );

        var poison = fx.Queues.GetQueueClient(StorageNames.Queues.Notifications + "-poison");
        await Eventually.HoldsAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(key)),
            "message in notifications-poison",
            seconds: 90
        );

        // Three tries per delivery, five deliveries.
        Assert.Equal(15, fx.SendGrid.For(key).Count);
        var entry = (await EntryFor(admin, "always500@example.org", key))!.Value;
        Assert.Equal("failed", entry.GetProperty("status").GetString());
        Assert.Equal(5, entry.GetProperty("attempts").GetInt32());
        var why = entry.GetProperty("lastError").GetString()!;
        Assert.Contains("HTTP 500", why);
        Assert.Contains("notifications-poison", why);
    }

    [Fact]
    public async Task Signed_events_update_the_log_and_a_bounce_marks_the_address_failing()
    {
        await using var app = await fx.StartAppAsync(sendGrid: true);
        using var admin = app.CreateAdminClient();
        var key = Key("forwarded");
        await app
            .Services.GetRequiredService<NotificationQueue>()
            .EnqueueAsync(
                NotificationTestData.Message(
                    Templates.ForwardedAfterSignOff,
                    NotificationTo.Address("Bounce.Me@example.org"),
                    key
                )
            );
        await Eventually.HoldsAsync(
            async () =>
                (await EntryFor(admin, "bounce.me@example.org", key))?.GetProperty("status").GetString() == "sent",
            "sent"
        );

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var arg = StandardHeaders.KeyArg;
        var body =
            $$"""[{"email":"bounce.me@example.org","event":"delivered","timestamp":{{now - 5}},"{{arg}}":"{{key}}"},"""
                + $$"""{"email":"bounce.me@example.org","event":"bounce","type":"bounce","reason":"550 5.1.1 """
                + $$"""收件人不存在","timestamp":{{now}},"{{arg}}":"{{key}}"}]""";

        using var client = app.CreateClient();
        Task<HttpResponseMessage> Post(string payload, string ts, string signature, bool withKey = true)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/notifications/events")
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            if (withKey)
                request.Headers.Add("x-functions-key", TestApp.FunctionKey);
            request.Headers.Add(EventSignatureVerifier.SignatureHeader, signature);
            request.Headers.Add(EventSignatureVerifier.TimestampHeader, ts);
            return client.SendAsync(request);
        }
        var ts = now.ToString();
        var signature = fx.Signer.Sign(ts, Encoding.UTF8.GetBytes(body));

        // A tampered body, a stale timestamp and a missing function key change nothing.
        var tampered = await Post(body.Replace("bounce\",\"type", "delivered\",\"type"), ts, signature);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal("invalid-signature", (await tampered.JsonAsync()).GetProperty("code").GetString());
        var staleTs = (now - 3600).ToString();
        var stale = await Post(body, staleTs, fx.Signer.Sign(staleTs, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal("stale-timestamp", (await stale.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(body, ts, signature, withKey: false)).StatusCode);
        Assert.Equal(
            "sent",
            (await EntryFor(admin, "bounce.me@example.org", key))!.Value.GetProperty("status").GetString()
        );

        var accepted = await Post(body, ts, signature);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var applied = await accepted.JsonAsync();
        Assert.Equal(2, applied.GetProperty("matched").GetInt32());

        var entry = (await EntryFor(admin, "bounce.me@example.org", key))!.Value;
        Assert.Equal("bounced", entry.GetProperty("status").GetString());
        Assert.Equal("550 5.1.1 收件人不存在", entry.GetProperty("lastEventReason").GetString());
        var failing = await (await admin.GetAsync("api/notifications/failing-addresses")).JsonAsync();
        Assert.Contains(
            failing.EnumerateArray(),
            f =>
                f.GetProperty("email").GetString() == "bounce.me@example.org"
                && f.GetProperty("event").GetString() == "bounce"
        );
    }

    [Fact]
    public async Task People_can_opt_out_of_optional_notices_but_not_mandatory_ones()
    {
        await using var app = await fx.StartAppAsync(sendGrid: false);
        using var me = app.CreateAdminClient();

        var refused = await me.PutJsonAsync(
            "api/notifications/preferences",
            new { optedOut = new[] { Templates.TopicReminder, Templates.HalfYearStatement } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("mandatory-notice", problem.GetProperty("code").GetString());
        Assert.Contains("半年奖励结算单", problem.GetProperty("detail").GetString());

        var before = await (await me.GetAsync("api/notifications/preferences")).JsonAsync();
        Assert.All(
            before.GetProperty("templates").EnumerateArray(),
            t => Assert.True(t.GetProperty("enabled").GetBoolean())
        );

        var ok = await me.PutJsonAsync(
            "api/notifications/preferences",
            new { optedOut = new[] { Templates.TopicReminder } }
        );
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var after = await (await me.GetAsync("api/notifications/preferences")).JsonAsync();
        var reminder = after
            .GetProperty("templates")
            .EnumerateArray()
            .Single(t => t.GetProperty("template").GetString() == Templates.TopicReminder);
        Assert.False(reminder.GetProperty("enabled").GetBoolean());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await me.PutJsonAsync("api/notifications/preferences", new { optedOut = new[] { "no-such" } })).StatusCode
        );
        await me.PutJsonAsync("api/notifications/preferences", new { optedOut = Array.Empty<string>() });
    }
}
