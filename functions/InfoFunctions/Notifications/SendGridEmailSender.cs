using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SendGrid;
using SendGrid.Helpers.Mail;
using Response = SendGrid.Response;

namespace InfoFunctions.Notifications;

/// <summary>
/// Sends through the real SendGrid client over an HttpClient we own, whose resilience handler retries inside one
/// delivery: a 429 waits until <c>X-RateLimit-Reset</c> (capped, at most <c>MaxRateLimitWaits</c> times); 5xx, 408,
/// 401/403 and network faults (and an attempt over 30 s) back off exponentially up to <c>SendAttempts</c>. When those
/// run out it throws and the queue retries the message. (Given an HttpClient, SendGrid's client skips its own
/// retry handler.) Every wait goes through <see cref="RetryPause"/>.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender, IDisposable
{
    public const string SenderName = "sendgrid";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly SendGridClient _client;
    private readonly NotificationOptions _options;
    private readonly RetryPause _pause;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public SendGridEmailSender(
        IOptions<NotificationOptions> options, RetryPause pause, TimeProvider time, ILogger<SendGridEmailSender> log,
        HttpMessageHandler? handler = null)
    {
        _options = options.Value;
        _pause = pause;
        _time = time;
        _log = log;
        var network = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        // The attempt timeout lives in the pipeline: the client's own would cut the waits between attempts short.
        _http = new HttpClient(new ResilienceHandler(Pipeline()) { InnerHandler = network })
        {
            Timeout = Timeout.InfiniteTimeSpan,
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
        var headers = new Dictionary<string, string>(email.Headers);
        // SendGrid keeps a Message-ID given as a header: replies then name the notice (NoticeIds).
        if (email.MessageId is { } id) headers["Message-ID"] = $"<{id}>";
        message.AddHeaders(headers);
        message.AddCustomArgs(new Dictionary<string, string>(email.CustomArgs));
        foreach (var a in email.Attachments ?? [])
            message.AddAttachment(a.FileName, Convert.ToBase64String(a.Content), a.ContentType);
        return message;
    }

    public async Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        Response response;
        try
        {
            response = await _client.SendEmailAsync(Build(email), ct);
        }
        catch (Exception ex) when (IsNetworkFault(ex) && !ct.IsCancellationRequested)
        {
            throw new EmailSendFailedException($"{Describe(ex)}（本次已尝试 {_options.SendAttempts} 次）", ex);
        }
        if (response.IsSuccessStatusCode) return new SendReceipt(SenderName, Header(response, "X-Message-Id"));

        var status = (int)response.StatusCode;
        var body = await ReadBodyAsync(response, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new EmailSendFailedException(
                $"SendGrid 持续限流（HTTP 429，已等待 {_options.MaxRateLimitWaits} 次），交由队列稍后重试。");
        if (IsFault(status))
            throw new EmailSendFailedException($"SendGrid 返回 HTTP {status}：{body}（本次已尝试 {_options.SendAttempts} 次）");
        throw new EmailRejectedException($"SendGrid 拒绝了这封邮件（HTTP {status}）：{body}");
    }

    /// <summary>
    /// Outer: waits out 429s. Inner: backs off on faults. Innermost: each attempt's timeout. The strategies compute
    /// no delay of their own; <see cref="RetryPause"/> waits in their retry callbacks.
    /// </summary>
    private ResiliencePipeline<HttpResponseMessage> Pipeline() => new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(_options.MaxRateLimitWaits > 0
                && args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
            MaxRetryAttempts = Math.Max(1, _options.MaxRateLimitWaits),
            Delay = TimeSpan.Zero,
            OnRetry = async args =>
            {
                var reset = args.Outcome.Result?.Headers.TryGetValues("X-RateLimit-Reset", out var v) == true
                    ? v.FirstOrDefault() : null;
                var wait = RateLimitWait(reset);
                _log.LogWarning("SendGrid 限流 (429)，等待 {Wait} 后重试。", wait);
                await _pause.WaitAsync(wait, args.Context.CancellationToken);
            },
        })
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => ValueTask.FromResult(_options.SendAttempts > 1 && (args.Outcome.Exception is { } ex
                ? IsNetworkFault(ex) && !args.Context.CancellationToken.IsCancellationRequested
                : IsFault((int)args.Outcome.Result!.StatusCode))),
            MaxRetryAttempts = Math.Max(1, _options.SendAttempts - 1),
            Delay = TimeSpan.Zero,
            OnRetry = async args =>
            {
                var delay = RetryPause.BackOff(args.AttemptNumber + 1, _options);
                var error = args.Outcome.Exception is { } ex
                    ? Describe(ex) : $"SendGrid 返回 HTTP {(int)args.Outcome.Result!.StatusCode}";
                _log.LogWarning("发送失败：{Error}；{Delay} 后重试。", error, delay);
                await _pause.WaitAsync(delay, args.Context.CancellationToken);
            },
        })
        .AddTimeout(AttemptTimeout)
        .Build();

    /// <summary>401/403 is our key or account, not the email: kept for a replay once fixed, like 5xx and 408.</summary>
    private static bool IsFault(int status) => status >= 500 || status is 408 or 401 or 403;

    private static bool IsNetworkFault(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException;

    private static string Describe(Exception ex) =>
        ex is HttpRequestException ? $"连接 SendGrid 失败：{ex.Message}" : "连接 SendGrid 超时";

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
