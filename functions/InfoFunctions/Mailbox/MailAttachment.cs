using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>An attachment of a parsed mail; <see cref="Part"/> still holds the (undecoded) content.</summary>
public sealed record MailAttachment(string Name, MimePart Part);
