namespace InfoFunctions.Mailbox;

/// <summary>What the webhook queues: where the raw MIME is and what SendGrid's envelope said.</summary>
public sealed record InboundMailMessage(string MailId, string BlobName, string RawSha256, IReadOnlyList<string> EnvelopeTo, string? EnvelopeFrom, DateTimeOffset ReceivedAt, string Mode);

public enum MailStatus { Received, Processing, Accepted, Quarantined, Rejected, Duplicate, AutoReply, Bounce, Unusable }

public sealed record MailRecord(
    string MailId, MailStatus Status, string? From, string? FromName, string? Subject, string? MessageId, string RawSha256, string BlobName,
    DateTimeOffset ReceivedAt, string? PersonId, string? ReportId, string? TrackingNumber, string? Note, string? DuplicateOf);

public sealed record QuarantineItem(string MailId, string From, string? FromName, string Subject, string Preview, IReadOnlyList<string> AttachmentNames, DateTimeOffset ReceivedAt);
