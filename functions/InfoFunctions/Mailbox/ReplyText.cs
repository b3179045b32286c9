using System.Text.RegularExpressions;
using InfoFunctions.Submissions;

namespace InfoFunctions.Mailbox;

/// <summary>
/// A reply's own text, without the quoted original: everything from the first quote marker on is dropped —
/// Outlook's “-----原始邮件-----” or underscore rule, Foxmail/QQ's “------------------ 原始邮件 ------------------”,
/// webmail's “在 …，… 写道：” / “On … wrote:”, a “发件人：” header block, or lines quoted with “&gt;”.
/// </summary>
public static partial class ReplyText
{
    [GeneratedRegex(MailParser.ForwardPattern + @"|^.{0,200}(写道|wrote)\s*[:：]\s*$|^\s*>|^\s*(发件人|From)\s*[:：]",
        RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex QuoteStart();

    public static string Strip(string body)
    {
        var m = QuoteStart().Match(body);
        return PlainText.Normalize(m.Success ? body[..m.Index] : body);
    }

    /// <summary>A first line “标题：…” renames the report; the rest is the text.</summary>
    public static (string? Title, string Body) TitleAndBody(string text)
    {
        var m = TitleLine().Match(text);
        return m.Success ? (m.Groups["t"].Value.Trim(), PlainText.Normalize(text[m.Length..])) : (null, text);
    }

    [GeneratedRegex(@"^\s*(新)?标题\s*[:：]\s*(?<t>[^\n]{1,200})\n?")]
    private static partial Regex TitleLine();

    /// <summary>A subject that answers (回复/答复/Re) and names a tracking number (2026-0457): the number.</summary>
    public static string? TrackingNumberIn(string subject) =>
        Reply().IsMatch(subject) && Number().Match(subject) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"^\s*([【\[][^】\]]{0,20}[】\]]\s*)*(回复|回覆|答复|re)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex Reply();

    [GeneratedRegex(@"(?<!\d)20\d{2}-\d{4,6}(?!\d)")]
    private static partial Regex Number();

    /// <summary>Texts this short are a note about the attachments, not the revision itself.</summary>
    public static bool IsNote(string text) => CharCounter.Count(text) < MailParser.CoveringNoteMaxChars;
}
