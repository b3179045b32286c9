using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Notifications;

/// <summary>Settings under <c>Notifications__*</c>.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "Notifications";
    public const string DefaultSendGridHost = "https://api.sendgrid.com";

    /// <summary>
    /// Empty (the local default) writes every email to the <c>outbox</c> container instead of sending.
    /// In Azure the app setting is a Key Vault reference, so the key never sits in configuration files.
    /// </summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>Where the SendGrid client talks to; tests point it at a local fake.</summary>
    public string? SendGridApiHost { get; set; }

    [Required(ErrorMessage = "请设置 Notifications__FromEmail（发件地址）。"),
        EmailAddress(ErrorMessage = "Notifications__FromEmail 不是有效的电子邮箱。")]
    public string FromEmail { get; set; } = "xinxi@example.org";

    [Required(ErrorMessage = "请设置 Notifications__FromName（发件人名称）。")]
    public string FromName { get; set; } = "人大信息工作平台";

    /// <summary>
    /// Link put into every message so a reader can open the platform; empty: <c>https://$WEBSITE_HOSTNAME</c>
    /// (set by App Service).
    /// </summary>
    public string PortalUrl { get; set; } = "http://localhost:7071";

    /// <summary>
    /// SendGrid's signed event webhook verification key (base64 DER SubjectPublicKeyInfo). Empty refuses all events.
    /// </summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>Older signed events are refused, so a captured request cannot be replayed later.</summary>
    [Range(1, 1440, ErrorMessage = "Notifications__EventWebhookMaxAgeMinutes 应在 1 到 1440 之间。")]
    public int EventWebhookMaxAgeMinutes { get; set; } = 10;

    /// <summary>
    /// Tries within one queue delivery for 5xx and network faults; then the queue retries the message.
    /// </summary>
    [Range(1, 10, ErrorMessage = "Notifications__SendAttempts 应在 1 到 10 之间。")]
    public int SendAttempts { get; set; } = 3;

    /// <summary>First back-off after a 5xx or network fault; doubles each try.</summary>
    [Range(0, 60_000, ErrorMessage = "Notifications__RetryBaseDelayMs 应在 0 到 60000 之间。")]
    public int RetryBaseDelayMs { get; set; } = 1000;

    /// <summary>
    /// Longest wait honoured for a 429's <c>X-RateLimit-Reset</c>; longer resets go back to the queue.
    /// </summary>
    [Range(0, 600, ErrorMessage = "Notifications__MaxRateLimitWaitSeconds 应在 0 到 600 之间。")]
    public int MaxRateLimitWaitSeconds { get; set; } = 60;

    /// <summary>How many 429 answers one delivery waits out before handing back to the queue.</summary>
    [Range(0, 20, ErrorMessage = "Notifications__MaxRateLimitWaits 应在 0 到 20 之间。")]
    public int MaxRateLimitWaits { get; set; } = 5;

    /// <summary>
    /// Must equal host.json <c>extensions.queues.maxDequeueCount</c>: the last try marks the log "failed" (poison).
    /// </summary>
    [Range(1, 100, ErrorMessage = "Notifications__MaxDequeueCount 应在 1 到 100 之间。")]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// A "sending" claim not renewed for this long is taken to be from a crashed worker and is taken over. A live
    /// worker renews its claim every third of this while the provider has the mail, so a slow send is never taken
    /// over; long enough for the provider's "processed" event to reach the log (which marks the mail sent).
    /// </summary>
    [Range(10, 3600, ErrorMessage = "Notifications__ClaimSeconds 应在 10 到 3600 之间。")]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>
    /// A domestic mail server (e.g. where SendGrid is not available, as in Azure operated by 21Vianet).
    /// Set it instead of a SendGrid key to send over SMTP; leave both empty for the outbox.
    /// </summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535, ErrorMessage = "Notifications__SmtpPort 应在 1 到 65535 之间。")]
    public int SmtpPort { get; set; } = 465;

    /// <summary>Auto (465: TLS on connect, else STARTTLS when offered), SslOnConnect, StartTls, None (tests).</summary>
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.Auto;

    /// <summary>Empty: no authentication (a relay that trusts the app's address).</summary>
    public string? SmtpUserName { get; set; }

    /// <summary>In Azure a Key Vault reference, like the SendGrid key.</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>Connect, authenticate and send must each answer within this time.</summary>
    [Range(1, 300, ErrorMessage = "Notifications__SmtpTimeoutSeconds 应在 1 到 300 之间。")]
    public int SmtpTimeoutSeconds { get; set; } = 30;

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (UsesSendGrid && UsesSmtp)
            yield return new ValidationResult(
                "Notifications__SendGridApiKey 与 Notifications__SmtpHost 只能设置一个（选择 SendGrid 或 SMTP 发信）。",
                [nameof(SendGridApiKey), nameof(SmtpHost)]);
    }

    public string SendGridHost =>
        string.IsNullOrWhiteSpace(SendGridApiHost) ? DefaultSendGridHost : SendGridApiHost.TrimEnd('/');
}
