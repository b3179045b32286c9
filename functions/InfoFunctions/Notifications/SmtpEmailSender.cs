using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace InfoFunctions.Notifications;

/// <summary>
/// Sends through a mail server (MailKit) for offices where SendGrid is not available. The message is
/// the same MIME the outbox writes. Failures are classified as with SendGrid: a 5xx refusal of the
/// sender, recipient or message is a rejection (not retried); 4xx answers, authentication and network
/// faults back off within the delivery, then the queue retries and finally poisons the message.
/// </summary>
public sealed class SmtpEmailSender(
    IOptions<NotificationOptions> options, RetryPause pause, TimeProvider time, ILogger<SmtpEmailSender> log)
    : IEmailSender
{
    public const string SenderName = "smtp";
    private readonly NotificationOptions _options = options.Value;

    public string Name => SenderName;

    public async Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var message = Outbox.ToMime(email, time.GetUtcNow(), id);
        for (var faults = 1; ; faults++)
        {
            try
            {
                var reply = await SendOnceAsync(message, ct);
                return new SendReceipt(SenderName, string.IsNullOrWhiteSpace(reply) ? message.MessageId : reply.Trim());
            }
            catch (SmtpCommandException ex) when (IsPermanent(ex))
            {
                throw new EmailRejectedException($"邮件服务器拒绝了这封邮件（SMTP {(int)ex.StatusCode}）：{ex.Message}");
            }
            catch (Exception ex) when (IsTransient(ex) && !ct.IsCancellationRequested)
            {
                await pause.BackOffOrThrowAsync(faults, _options, Describe(ex), ex, log, ct);
            }
        }
    }

    private async Task<string> SendOnceAsync(MimeKit.MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = _options.SmtpTimeoutSeconds * 1000 };
        await client.ConnectAsync(_options.SmtpHost!.Trim(), _options.SmtpPort, Socket(_options.SmtpSecurity), ct);
        if (!string.IsNullOrEmpty(_options.SmtpUserName))
            await client.AuthenticateAsync(_options.SmtpUserName, _options.SmtpPassword ?? "", ct);
        var reply = await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return reply;
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>A 5xx to MAIL FROM, RCPT TO or DATA: this email will be refused however often it is sent.</summary>
    private static bool IsPermanent(SmtpCommandException ex) =>
        (int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted
            or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted;

    // Authentication failures are our account, not the email: keep the message for a replay once fixed.
    private static bool IsTransient(Exception ex) => ex is SmtpCommandException or SmtpProtocolException
        or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
        or SocketException or IOException or TimeoutException or OperationCanceledException;

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException c => $"邮件服务器暂时拒绝（SMTP {(int)c.StatusCode}）：{c.Message}",
        AuthenticationException => $"邮件服务器登录失败：{ex.Message}",
        OperationCanceledException or TimeoutException => "连接邮件服务器超时",
        _ => $"连接邮件服务器失败：{ex.Message}",
    };
}
