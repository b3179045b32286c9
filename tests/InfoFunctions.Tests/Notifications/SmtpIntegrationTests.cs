using System.Net;
using System.Text.Json;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>Through LocalHost with <c>Notifications__SmtpHost</c> set: the queue, retry/poison, the log.</summary>
[Collection("notifications")]
public sealed class SmtpIntegrationTests(NotificationsFixture fx)
{
    private static Task<TestApp> StartAsync(NotificationsFixture fx, FakeSmtpServer smtp) =>
        TestApp.StartAsync(fx.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Notifications__SendGridApiKey"] = "",
            ["Notifications__SmtpHost"] = "127.0.0.1",
            ["Notifications__SmtpPort"] = smtp.Port.ToString(),
            ["Notifications__SmtpSecurity"] = "None",
            ["Notifications__SmtpUserName"] = "",
            ["Notifications__RetryBaseDelayMs"] = "1",
        });

    private static NotificationMessage Statement(string to, string key) =>
        NotificationTestData.Message(Templates.HalfYearStatement, NotificationTo.Address(to), key);

    private static async Task<JsonElement?> EntryFor(HttpClient admin, string email, string key)
    {
        var response = await admin.GetAsync($"api/notifications/log?email={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray()
            .Where(e => e.GetProperty("idempotencyKey").GetString() == key)
            .Select(e => (JsonElement?)e).FirstOrDefault();
    }

    [Fact]
    public async Task A_queued_notice_is_sent_over_SMTP_once_with_its_Chinese_subject()
    {
        await using var smtp = await FakeSmtpServer.StartAsync();
        await using var app = await StartAsync(fx, smtp);
        using var admin = app.CreateAdminClient();
        var key = $"receipt:{Guid.NewGuid():N}";
        await app.Services.GetRequiredService<NotificationQueue>().EnqueueAsync(
            NotificationTestData.Message(Templates.Receipt, NotificationTo.Address("李四 <lisi.smtp@example.org>"), key));

        await Eventually.HoldsAsync(async () =>
            (await EntryFor(admin, "lisi.smtp@example.org", key))?.GetProperty("status").GetString() == "sent",
            "sent over SMTP");

        var mime = Assert.Single(smtp.Received, m => m.Headers["X-InfoFunctions-Key"] == key);
        Assert.Equal("【收稿回执】《埇桥区人大常委会开展农村人居环境整治专题调研》已收到，编号 XX-2025-0137", mime.Subject);
        Assert.Contains("李四同志：", mime.TextBody);
        var entry = (await EntryFor(admin, "lisi.smtp@example.org", key))!.Value;
        Assert.Equal("smtp", entry.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task A_451_every_time_ends_in_poison_after_five_dequeues_and_a_550_is_rejected_at_once()
    {
        await using var smtp = await FakeSmtpServer.StartAsync();
        smtp.Answers["busy.smtp@example.org"] = FakeSmtpServer.TryLater;
        smtp.Answers["gone.smtp@example.org"] = FakeSmtpServer.NoSuchUser;
        await using var app = await StartAsync(fx, smtp);
        using var admin = app.CreateAdminClient();
        var busy = $"statement:{Guid.NewGuid():N}";
        var gone = $"statement:{Guid.NewGuid():N}";
        var queue = app.Services.GetRequiredService<NotificationQueue>();
        await queue.EnqueueAsync(Statement("busy.smtp@example.org", busy));
        await queue.EnqueueAsync(Statement("gone.smtp@example.org", gone));

        var poison = fx.Queues.GetQueueClient(StorageNames.Queues.Notifications + "-poison");
        await Eventually.HoldsAsync(async () =>
            (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(busy)),
            "message in notifications-poison", seconds: 90);

        // Three tries per delivery, five deliveries, as with SendGrid.
        Assert.Equal(15, smtp.Attempts.Count(a => a == "busy.smtp@example.org"));
        var failed = (await EntryFor(admin, "busy.smtp@example.org", busy))!.Value;
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(5, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("SMTP 451", failed.GetProperty("lastError").GetString());
        Assert.Contains("notifications-poison", failed.GetProperty("lastError").GetString());

        Assert.Equal(1, smtp.Attempts.Count(a => a == "gone.smtp@example.org"));
        var rejected = (await EntryFor(admin, "gone.smtp@example.org", gone))!.Value;
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Contains("SMTP 550", rejected.GetProperty("lastError").GetString());
        Assert.DoesNotContain((await poison.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(gone));
    }
}
