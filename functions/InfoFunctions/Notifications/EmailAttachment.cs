namespace InfoFunctions.Notifications;

/// <summary>A file sent with an email (a payout sheet, a bulletin); the name may be Chinese.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
