using Microsoft.Extensions.Logging;

namespace InfoFunctions.Notifications;

/// <summary>A rendered email ready for a sender. Headers and custom args travel with it to SendGrid or the .eml.</summary>
public sealed record OutgoingEmail(
    string FromEmail, string FromName, string ToEmail, string ToName,
    string Subject, string Text, string Html,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs,
    string Template, string IdempotencyKey,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file sent with an email (a payout sheet, a bulletin); the name may be Chinese.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>What the sender reports back: its provider id (SendGrid X-Message-Id, or the outbox id).</summary>
public sealed record SendReceipt(string Sender, string? ProviderMessageId);

public interface IEmailSender
{
    /// <summary>"sendgrid", "smtp" or "outbox", as shown in the delivery log.</summary>
    string Name { get; }

    /// <summary>
    /// Sends or throws. <see cref="EmailRejectedException"/> means retrying cannot help;
    /// any other exception is transient and the queue retries the message.
    /// </summary>
    Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct);
}

/// <summary>The provider refused this email for good (a 4xx other than 429): retries would be refused too.</summary>
public sealed class EmailRejectedException(string message) : Exception(message);

/// <summary>A transient send failure that outlasted this delivery's retries; the queue tries again.</summary>
public sealed class EmailSendFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Waits between retries. A seam so tests can record the waits instead of sleeping.</summary>
public class RetryPause(TimeProvider time)
{
    public virtual Task WaitAsync(TimeSpan delay, CancellationToken ct) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, ct);

    /// <summary>
    /// After the <paramref name="faults"/>-th transient failure of one delivery: wait the base delay,
    /// doubling each time, or throw once <see cref="NotificationOptions.SendAttempts"/> are used up so the
    /// queue retries the message later.
    /// </summary>
    public async Task BackOffOrThrowAsync(
        int faults, NotificationOptions options, string error, Exception? inner, ILogger log, CancellationToken ct)
    {
        if (faults >= options.SendAttempts)
            throw new EmailSendFailedException($"{error}（本次已尝试 {faults} 次）", inner);
        var delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs * Math.Pow(2, faults - 1));
        log.LogWarning("发送失败：{Error}；{Delay} 后重试。", error, delay);
        await WaitAsync(delay, ct);
    }
}

/// <summary>Headers on every outgoing email, so out-of-office replies and auto-responders don't answer (RFC 3834).</summary>
public static class StandardHeaders
{
    public const string AutoSubmitted = "Auto-Submitted";
    public const string AutoResponseSuppress = "X-Auto-Response-Suppress";
    public const string NotificationKey = "X-InfoFunctions-Key";
    public const string TemplateHeader = "X-InfoFunctions-Template";

    /// <summary>The custom arg SendGrid echoes in every event, used to find the delivery row.</summary>
    public const string KeyArg = "infofunctions_key";

    public static Dictionary<string, string> For(string idempotencyKey, string template) => new()
    {
        [AutoSubmitted] = "auto-generated",
        [AutoResponseSuppress] = "All",
        [NotificationKey] = HeaderSafe(idempotencyKey),
        [TemplateHeader] = template,
    };

    /// <summary>Header values must be printable ASCII; anything else is carried as its hash.</summary>
    public static string HeaderSafe(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : "sha256:" + DeliveryKeys.Hash(value);
}
