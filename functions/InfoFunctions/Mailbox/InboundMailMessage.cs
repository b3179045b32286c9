namespace InfoFunctions.Mailbox;

/// <summary>What the webhook queues: where the raw MIME is and what SendGrid's envelope said.</summary>
public sealed record InboundMailMessage(string MailId, string BlobName, string RawSha256,
    IReadOnlyList<string> EnvelopeTo, string? EnvelopeFrom, DateTimeOffset ReceivedAt, string Mode);
