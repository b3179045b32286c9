using System.Text.RegularExpressions;

namespace InfoFunctions.Notifications;

/// <summary>
/// The Message-ID of every outgoing notice, the same for each copy of one notice to one address (a resend is
/// recognisable). A notice about a report (its data has <c>reportId</c>) names the report in the id —
/// <c>report.yq~0000f1….3fa2…@sender domain</c> — so a reply (In-Reply-To, References) leads back to it
/// without a lookup; the mailbox turns the author's reply into a revision.
/// </summary>
public static partial class NoticeIds
{
    [GeneratedRegex(@"^report\.(?<id>[a-z0-9-]{1,40}~[0-9a-f]{20})\.[0-9a-f]{16}@", RegexOptions.IgnoreCase)]
    private static partial Regex ReportNotice();

    /// <summary>Without angle brackets, as MimeKit takes it.</summary>
    public static string For(string idempotencyKey, string recipientEmail, string? reportId, string fromEmail)
    {
        var domain = fromEmail.Split('@').LastOrDefault() is { Length: > 0 } d ? d : "localhost";
        var hash = DeliveryKeys.Hash(idempotencyKey + "|" + recipientEmail.Trim().ToLowerInvariant())[..16];
        return reportId is not null && ReportNotice().IsMatch($"report.{reportId}.{hash}@")
            ? $"report.{reportId}.{hash}@{domain}" : $"notice.{hash}@{domain}";
    }

    /// <summary>The report a notice's Message-ID names (with or without angle brackets), or null.</summary>
    public static string? ReportOf(string? messageId) =>
        messageId is not null && ReportNotice().Match(messageId.Trim().TrimStart('<')) is { Success: true } m
            ? m.Groups["id"].Value : null;
}
