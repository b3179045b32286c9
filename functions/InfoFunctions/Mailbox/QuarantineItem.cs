namespace InfoFunctions.Mailbox;

public sealed record QuarantineItem(string MailId, string From, string? FromName, string Subject, string Preview,
    IReadOnlyList<string> AttachmentNames, DateTimeOffset ReceivedAt, string? Reason = null);
