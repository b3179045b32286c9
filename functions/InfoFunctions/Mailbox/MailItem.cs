namespace InfoFunctions.Mailbox;

/// <summary>
/// One received mail and what became of it: <c>outcome</c> (accepted, revised, duplicate, bounce, autoReply,
/// quarantined, rejected, or received/processing while it is worked on), <c>reason</c> (why quarantined or
/// rejected, which attachments were not kept), the report and tracking number it made or revised — for a
/// duplicate those of the mail it repeats (<c>duplicateOf</c>).
/// </summary>
public sealed record MailItem(
    string MailId, DateTimeOffset ReceivedAt, string? From, string? FromName, string? Subject, string Outcome,
    string? Reason, string? ReportId, string? TrackingNumber, string? DuplicateOf);
