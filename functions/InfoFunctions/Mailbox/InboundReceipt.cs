namespace InfoFunctions.Mailbox;

/// <summary>The webhook's answer once a mail is stored and queued.</summary>
public sealed record InboundReceipt(string MailId);
