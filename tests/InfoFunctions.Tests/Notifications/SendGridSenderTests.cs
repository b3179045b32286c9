using InfoFunctions.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>The real SendGrid client, against a local fake of its API.</summary>
public sealed class SendGridSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 1, 41, 0, TimeSpan.Zero);
    private FakeSendGridServer _api = null!;
    private readonly RecordingPause _pause = new();
    private readonly FixedTime _time = new(Now);

    public async Task InitializeAsync() => _api = await FakeSendGridServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private SendGridEmailSender Sender(Action<NotificationOptions>? change = null) =>
        new(
            NotificationTestData.Options(o =>
            {
                o.SendGridApiKey = "SG.test-key";
                o.SendGridApiHost = _api.BaseUrl;
                change?.Invoke(o);
            }),
            _pause,
            _time,
            NullLogger<SendGridEmailSender>.Instance
        );

    private static OutgoingEmail Email()
    {
        var processorData = NotificationTestData.Message(
            Templates.Receipt,
            NotificationTo.Person("p-1"),
            key: "receipt:XX-2025-0137"
        );
        var data = processorData.Data;
        data["recipientName"] = "张三";
        data["platformName"] = "人大信息工作平台";
        data["portalUrl"] = "https://xinxi.example.org";
        var r = new TemplateRenderer().Render(Templates.Receipt, data);
        return new OutgoingEmail(
            "xinxi@example.org",
            "人大信息工作平台",
            "zhangsan@example.org",
            "张三",
            r.Subject,
            r.Text,
            r.Html,
            StandardHeaders.For("receipt:XX-2025-0137", Templates.Receipt),
            new Dictionary<string, string> { [StandardHeaders.KeyArg] = "receipt:XX-2025-0137" },
            Templates.Receipt,
            "receipt:XX-2025-0137"
        );
    }

    [Fact]
    public async Task Request_body_carries_recipient_Chinese_subject_and_content_and_loop_headers()
    {
        var receipt = await Sender().SendAsync(Email(), CancellationToken.None);

        var request = Assert.Single(_api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);
        var json = request.Json;
        var personalization = json.GetProperty("personalizations")[0];
        Assert.Equal("zhangsan@example.org", personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("张三", personalization.GetProperty("to")[0].GetProperty("name").GetString());
        Assert.Equal("xinxi@example.org", json.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("人大信息工作平台", json.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal(
            "【收稿回执】《埇桥区人大常委会开展农村人居环境整治专题调研》已收到，编号 XX-2025-0137",
            json.TryGetProperty("subject", out var s)
                ? s.GetString()
                : personalization.GetProperty("subject").GetString()
        );
        var contents = json.GetProperty("content")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString()!);
        Assert.Contains("张三同志：", contents["text/plain"]);
        Assert.Contains("稿件编号：XX-2025-0137", contents["text/plain"]);
        Assert.Contains("<strong>XX-2025-0137</strong>", contents["text/html"]);
        var headers = json.TryGetProperty("headers", out var h) ? h : personalization.GetProperty("headers");
        Assert.Equal("auto-generated", headers.GetProperty("Auto-Submitted").GetString());
        Assert.Equal("All", headers.GetProperty("X-Auto-Response-Suppress").GetString());
        Assert.Equal("receipt:XX-2025-0137", headers.GetProperty("X-InfoFunctions-Key").GetString());
        var args = json.TryGetProperty("custom_args", out var a) ? a : personalization.GetProperty("custom_args");
        Assert.Equal("receipt:XX-2025-0137", args.GetProperty(StandardHeaders.KeyArg).GetString());
        Assert.Equal("sendgrid", receipt.Sender);
        Assert.StartsWith("fake-", receipt.ProviderMessageId);
    }

    [Fact]
    public async Task A_notice_about_a_report_carries_a_message_id_a_reply_leads_back_from()
    {
        var id = NoticeIds.For(
            "receipt:XX-2025-0137",
            "zhangsan@example.org",
            "yq~0000f1e2d3c4b5a69788",
            "xinxi@example.org"
        );
        await Sender().SendAsync(Email() with { MessageId = id }, CancellationToken.None);

        var json = Assert.Single(_api.Requests).Json;
        var headers = json.TryGetProperty("headers", out var h)
            ? h
            : json.GetProperty("personalizations")[0].GetProperty("headers");
        var sent = headers.GetProperty("Message-ID").GetString();
        Assert.Equal($"<{id}>", sent);
        Assert.EndsWith("@example.org>", sent);
        Assert.Equal("yq~0000f1e2d3c4b5a69788", NoticeIds.ReportOf(sent));
        Assert.Null(NoticeIds.ReportOf(NoticeIds.For("k", "a@example.org", null, "xinxi@example.org")));
    }

    [Fact]
    public async Task A_429_waits_until_the_rate_limit_reset_then_sends_once()
    {
        _api.Enqueue(
            new FakeSendGridServer.Scripted(
                429,
                new Dictionary<string, string>
                {
                    ["X-RateLimit-Reset"] = Now.AddSeconds(7).ToUnixTimeSeconds().ToString(),
                },
                """{"errors":[{"message":"too many requests"}]}"""
            )
        );

        var receipt = await Sender().SendAsync(Email(), CancellationToken.None);

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(1, _api.Accepted);
        Assert.Equal([TimeSpan.FromSeconds(7)], _pause.Waits);
        Assert.NotNull(receipt.ProviderMessageId);
    }

    [Fact]
    public async Task A_429_reset_far_away_is_capped()
    {
        _api.Enqueue(
            new FakeSendGridServer.Scripted(
                429,
                new Dictionary<string, string>
                {
                    ["X-RateLimit-Reset"] = Now.AddHours(2).ToUnixTimeSeconds().ToString(),
                }
            )
        );

        await Sender(o => o.MaxRateLimitWaitSeconds = 30).SendAsync(Email(), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(30)], _pause.Waits);
        Assert.Equal(1, _api.Accepted);
    }

    [Fact]
    public async Task A_500_three_times_backs_off_then_throws_for_the_queue_to_retry()
    {
        _api.Always = new FakeSendGridServer.Scripted(500, Body: """{"errors":[{"message":"internal error"}]}""");

        var ex = await Assert.ThrowsAsync<EmailSendFailedException>(() =>
            Sender(o => o.RetryBaseDelayMs = 1000).SendAsync(Email(), CancellationToken.None)
        );

        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(0, _api.Accepted);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _pause.Waits);
        Assert.Contains("HTTP 500", ex.Message);
        Assert.Contains("internal error", ex.Message);
    }

    [Fact]
    public async Task A_500_then_success_sends_once()
    {
        _api.Enqueue(new FakeSendGridServer.Scripted(503));

        await Sender().SendAsync(Email(), CancellationToken.None);

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(1, _api.Accepted);
    }

    [Fact]
    public async Task A_400_is_a_rejection_and_is_not_retried()
    {
        _api.Enqueue(
            new FakeSendGridServer.Scripted(
                400,
                Body: """{"errors":[{"message":"Does not contain a valid address."}]}"""
            )
        );

        var ex = await Assert.ThrowsAsync<EmailRejectedException>(() =>
            Sender().SendAsync(Email(), CancellationToken.None)
        );

        Assert.Single(_api.Requests);
        Assert.Contains("valid address", ex.Message);
        Assert.Empty(_pause.Waits);
    }

    [Fact]
    public async Task A_network_fault_is_retried_then_reported()
    {
        // Nothing listens on the fake's port once it is stopped.
        var host = _api.BaseUrl;
        await _api.DisposeAsync();
        _api = await FakeSendGridServer.StartAsync();

        var ex = await Assert.ThrowsAsync<EmailSendFailedException>(() =>
            Sender(o => o.SendGridApiHost = host).SendAsync(Email(), CancellationToken.None)
        );

        Assert.Contains("连接 SendGrid 失败", ex.Message);
        Assert.Equal(2, _pause.Waits.Count);
    }
}
