namespace InfoFunctions.Mailbox;

public sealed record MailRecord(
    string MailId, MailStatus Status, string? From, string? FromName, string? Subject, string? MessageId,
    string RawSha256, string BlobName,
    DateTimeOffset ReceivedAt, string? PersonId, string? ReportId, string? TrackingNumber, string? Note,
    string? DuplicateOf);
