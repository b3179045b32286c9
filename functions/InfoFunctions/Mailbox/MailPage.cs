namespace InfoFunctions.Mailbox;

public sealed record MailPage(IReadOnlyList<MailItem> Items, string? ContinuationToken);
