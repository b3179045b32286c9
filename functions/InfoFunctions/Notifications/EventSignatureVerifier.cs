namespace InfoFunctions.Notifications;

/// <summary>SendGrid's signed event webhook, with the key and age limit from <c>Notifications__*</c>.</summary>
public sealed class EventSignatureVerifier(IOptions<NotificationOptions> options, TimeProvider time)
    : SendGridSignature(options.Value.EventWebhookPublicKey, options.Value.EventWebhookMaxAgeMinutes, time);
