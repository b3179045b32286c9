using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using InfoFunctions.Submissions;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>An attachment of a parsed mail; <see cref="Part"/> still holds the (undecoded) content.</summary>
public sealed record MailAttachment(string Name, MimePart Part);
