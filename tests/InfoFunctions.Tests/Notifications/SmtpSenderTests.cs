using System.Text;
using InfoFunctions.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>MailKit against a real SMTP listener on loopback (see <see cref="FakeSmtpServer"/>).</summary>
public sealed class SmtpSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 12, 1, 41, 0, TimeSpan.Zero);
    private FakeSmtpServer _smtp = null!;
    private readonly RecordingPause _pause = new();

    public async Task InitializeAsync() => _smtp = await FakeSmtpServer.StartAsync(requireAuth: true);
    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private SmtpEmailSender Sender(Action<NotificationOptions>? change = null) => new(
        NotificationTestData.Options(o =>
        {
            o.SmtpHost = "127.0.0.1";
            o.SmtpPort = _smtp.Port;
            o.SmtpSecurity = SmtpSecurity.None;
            o.SmtpUserName = FakeSmtpServer.UserName;
            o.SmtpPassword = FakeSmtpServer.Password;
            o.RetryBaseDelayMs = 1000;
            change?.Invoke(o);
        }), _pause, new FixedTime(Now), NullLogger<SmtpEmailSender>.Instance);

    private static readonly byte[] Sheet = Encoding.UTF8.GetBytes("姓名,积分,奖励（元）\n张三,25,250.00\n");

    private static OutgoingEmail Email(string to = "zhangsan@example.org")
    {
        var data = NotificationTestData.Message(Templates.HalfYearStatement, NotificationTo.Person("p-1")).Data;
        data["recipientName"] = "张三";
        data["platformName"] = "人大信息工作平台";
        data["portalUrl"] = "https://xinxi.example.org";
        var r = new TemplateRenderer().Render(Templates.HalfYearStatement, data);
        return new OutgoingEmail("xinxi@example.org", "人大信息工作平台", to, "张三", r.Subject, r.Text, r.Html,
            StandardHeaders.For("statement:2025H1:p-1", Templates.HalfYearStatement),
            new Dictionary<string, string> { [StandardHeaders.KeyArg] = "statement:2025H1:p-1" },
            Templates.HalfYearStatement, "statement:2025H1:p-1",
            [new EmailAttachment("2025年上半年奖励结算单.csv", "text/csv", Sheet)]);
    }

    [Fact]
    public async Task A_notice_about_a_report_keeps_its_message_id_over_smtp_and_in_the_outbox_mime()
    {
        var id = NoticeIds.For("returned:1", "zhangsan@example.org", "yq~0000f1e2d3c4b5a69788", "xinxi@example.org");
        await Sender().SendAsync(Email() with { MessageId = id }, CancellationToken.None);

        Assert.Equal(id, Assert.Single(_smtp.Received).MessageId);
        Assert.Equal(id, Outbox.ToMime(Email() with { MessageId = id }, Now, "20260318-100000-abc").MessageId);
        Assert.Equal("yq~0000f1e2d3c4b5a69788", NoticeIds.ReportOf($"<{id}>"));
    }

    [Fact]
    public async Task A_Chinese_subject_body_and_attachment_arrive_intact_after_signing_in()
    {
        var email = Email();
        var receipt = await Sender().SendAsync(email, CancellationToken.None);

        var mime = Assert.Single(_smtp.Received);
        Assert.Equal(email.Subject, mime.Subject);
        Assert.Contains("半年", mime.Subject);
        Assert.Equal("张三", ((MailboxAddress)mime.To.Single()).Name);
        Assert.Equal("人大信息工作平台", ((MailboxAddress)mime.From.Single()).Name);
        Assert.Contains("张三同志：", mime.TextBody);
        Assert.Contains("《代表之声》", mime.HtmlBody);
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        Assert.Equal("statement:2025H1:p-1", mime.Headers["X-InfoFunctions-Key"]);
        var attachment = Assert.Single(mime.Attachments.OfType<MimePart>());
        Assert.Equal("2025年上半年奖励结算单.csv", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(Sheet, content.ToArray());
        Assert.Equal("smtp", receipt.Sender);
        Assert.False(string.IsNullOrWhiteSpace(receipt.ProviderMessageId));
        Assert.Empty(_pause.Waits);
    }

    [Fact]
    public async Task A_451_backs_off_three_times_then_throws_for_the_queue_to_retry()
    {
        _smtp.Answers["busy@example.org"] = FakeSmtpServer.TryLater;

        var ex = await Assert.ThrowsAsync<EmailSendFailedException>(
            () => Sender().SendAsync(Email("busy@example.org"), CancellationToken.None));

        Assert.Equal(3, _smtp.Attempts.Count);
        Assert.Empty(_smtp.Received);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _pause.Waits);
        Assert.Contains("SMTP 451", ex.Message);
        Assert.Contains("Server busy", ex.Message);
    }

    [Fact]
    public async Task A_550_for_the_recipient_is_a_rejection_and_is_not_retried()
    {
        _smtp.Answers["nobody@example.org"] = FakeSmtpServer.NoSuchUser;

        var ex = await Assert.ThrowsAsync<EmailRejectedException>(
            () => Sender().SendAsync(Email("nobody@example.org"), CancellationToken.None));

        Assert.Single(_smtp.Attempts);
        Assert.Contains("SMTP 550", ex.Message);
        Assert.Empty(_pause.Waits);
    }

    [Fact]
    public async Task A_wrong_password_is_retried_as_our_fault_not_the_emails()
    {
        var ex = await Assert.ThrowsAsync<EmailSendFailedException>(() =>
            Sender(o => o.SmtpPassword = "wrong").SendAsync(Email(), CancellationToken.None));

        Assert.Contains("登录失败", ex.Message);
        Assert.Empty(_smtp.Attempts);
        Assert.Equal(2, _pause.Waits.Count);
    }

    [Fact]
    public async Task Nothing_listening_is_a_network_fault_retried_then_reported()
    {
        var port = _smtp.Port;
        await _smtp.DisposeAsync();
        _smtp = await FakeSmtpServer.StartAsync();

        var ex = await Assert.ThrowsAsync<EmailSendFailedException>(() =>
            Sender(o => o.SmtpPort = port).SendAsync(Email(), CancellationToken.None));

        Assert.Contains("连接邮件服务器", ex.Message);
        Assert.Equal(2, _pause.Waits.Count);
    }
}
