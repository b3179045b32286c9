namespace InfoFunctions.Notifications;

/// <summary>
/// A rendered email ready for a sender. Headers and custom args travel with it to SendGrid or the .eml;
/// <see cref="MessageId"/> (<see cref="NoticeIds"/>) is the Message-ID every sender gives it.
/// </summary>
public sealed record OutgoingEmail(
    string FromEmail, string FromName, string ToEmail, string ToName,
    string Subject, string Text, string Html,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs,
    string Template, string IdempotencyKey,
    IReadOnlyList<EmailAttachment>? Attachments = null, string? MessageId = null);
