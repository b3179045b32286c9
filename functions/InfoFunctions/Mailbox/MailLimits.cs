using InfoFunctions.Submissions;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>
/// What a mail may hold before an editor looks at it first. A mail over a limit is quarantined with the reason
/// (never retried into the poison queue): a subject of a megabyte, ten thousand attachments, a body no report has,
/// a Word file that inflates past <see cref="InfoFunctions.Platform.OfficeLimits"/>.
/// </summary>
public static class MailLimits
{
    public const int MaxSubjectChars = 1000;
    public const int MaxParts = 200;
    public const int MaxBodyChars = 100_000;

    /// <summary>Stored texts are cut here (a table column holds 32K characters).</summary>
    public const int MaxStoredChars = 2000;

    /// <summary>Why the mail is over a limit, in Chinese; null when it is not.</summary>
    public static string? Check(MimeMessage message, ParsedMail parsed)
    {
        if (parsed.Subject.Length > MaxSubjectChars)
            return $"邮件主题长达 {parsed.Subject.Length} 个字符，超过上限 {MaxSubjectChars} 个。";
        var parts = message.BodyParts.Count();
        if (parts > MaxParts) return $"邮件含 {parts} 个部件（正文、附件、图片），超过上限 {MaxParts} 个。";
        var chars = CharCounter.Count(parsed.Body);
        if (chars > MaxBodyChars) return $"邮件正文长达 {chars} 字，超过上限 {MaxBodyChars} 字。";
        return parsed.OverLimit;
    }

    /// <summary>A text cut to what a record stores, marked as cut.</summary>
    public static string? Clip(string? text, int max = MaxStoredChars) =>
        text is null || text.Length <= max ? text : text[..max] + "…（已截断）";
}
