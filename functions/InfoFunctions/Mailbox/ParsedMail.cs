using InfoFunctions.Submissions;

namespace InfoFunctions.Mailbox;

public sealed record ParsedMail(
    string? FromAddress, string? FromName, string? MessageId, string Subject, string Title, string Body,
    ReportCategory Category,
    IReadOnlyList<MailAttachment> Attachments, AutoKind Auto, bool Forwarded, bool BodyFromDocx,
    string? OverLimit = null);
