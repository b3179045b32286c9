using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace InfoFunctions.Notifications;

/// <summary>
/// Sends through the real SendGrid client over an HttpClient we own. Retries inside one delivery:
/// 429 waits until <c>X-RateLimit-Reset</c> (capped), 5xx/408 and network faults back off
/// exponentially; when those run out it throws and the queue retries the message.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender, IDisposable
{
    public const string SenderName = "sendgrid";
    private readonly HttpClient _http;
    private readonly SendGridClient _client;
    private readonly NotificationOptions _options;
    private readonly RetryPause _pause;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public SendGridEmailSender(IOptions<NotificationOptions> options, RetryPause pause, TimeProvider time,
        ILogger<SendGridEmailSender> log, HttpMessageHandler? handler = null)
    {
        _options = options.Value;
        _pause = pause;
        _time = time;
        _log = log;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client = new SendGridClient(_http, new SendGridClientOptions
        {
            ApiKey = _options.SendGridApiKey,
            Host = _options.SendGridHost,
        });
    }

    public string Name => SenderName;

    public static SendGridMessage Build(OutgoingEmail email)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(email.FromEmail, email.FromName),
            new EmailAddress(email.ToEmail, email.ToName),
            email.Subject, email.Text, email.Html);
        message.AddHeaders(new Dictionary<string, string>(email.Headers));
        message.AddCustomArgs(new Dictionary<string, string>(email.CustomArgs));
        foreach (var a in email.Attachments ?? [])
            message.AddAttachment(a.FileName, Convert.ToBase64String(a.Content), a.ContentType);
        return message;
    }

    public async Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var message = Build(email);
        var faults = 0;
        var rateLimitWaits = 0;
        while (true)
        {
            Response response;
            try
            {
                response = await _client.SendEmailAsync(message, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException
                || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                var error = ex is OperationCanceledException ? "连接 SendGrid 超时" : $"连接 SendGrid 失败：{ex.Message}";
                await BackOffOrThrowAsync(++faults, error, ex, ct);
                continue;
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new SendReceipt(SenderName, Header(response, "X-Message-Id"));

            var body = await ReadBodyAsync(response, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (++rateLimitWaits > _options.MaxRateLimitWaits)
                    throw new EmailSendFailedException($"SendGrid 持续限流（HTTP 429，已等待 {rateLimitWaits - 1} 次），交由队列稍后重试。");
                var wait = RateLimitWait(Header(response, "X-RateLimit-Reset"));
                _log.LogWarning("SendGrid 限流 (429)，等待 {Wait} 后重试。", wait);
                await _pause.WaitAsync(wait, ct);
                continue;
            }
            if (status >= 500 || status is 408 or 401 or 403)
            {
                // 401/403 is our key or account, not the email: keep the message for a replay once fixed.
                await BackOffOrThrowAsync(++faults, $"SendGrid 返回 HTTP {status}：{body}", null, ct);
                continue;
            }
            throw new EmailRejectedException($"SendGrid 拒绝了这封邮件（HTTP {status}）：{body}");
        }
    }

    private Task BackOffOrThrowAsync(int faults, string error, Exception? inner, CancellationToken ct) =>
        _pause.BackOffOrThrowAsync(faults, _options, error, inner, _log, ct);

    /// <summary>
    /// <c>X-RateLimit-Reset</c> is the epoch second the limit resets; the wait is capped, and a missing header waits
    /// the base delay.
    /// </summary>
    public TimeSpan RateLimitWait(string? resetHeader)
    {
        var cap = TimeSpan.FromSeconds(_options.MaxRateLimitWaitSeconds);
        if (!long.TryParse(resetHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            return TimeSpan.FromMilliseconds(Math.Min(_options.RetryBaseDelayMs, cap.TotalMilliseconds));
        var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - _time.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }

    private static string? Header(Response response, string name) =>
        response.Headers is { } h && h.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<string> ReadBodyAsync(Response response, CancellationToken ct)
    {
        if (response.Body is null) return "";
        var text = await response.Body.ReadAsStringAsync(ct);
        return text.Length > 500 ? text[..500] + "…" : text;
    }

    public void Dispose() => _http.Dispose();
}
