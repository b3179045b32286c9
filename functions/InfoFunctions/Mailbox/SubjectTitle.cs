using System.Text.RegularExpressions;
using InfoFunctions.Submissions;

namespace InfoFunctions.Mailbox;

/// <summary>
/// A mail subject as a report title: the prefixes that officers and their clients put in front are taken
/// off, in any order and repeated — 信息报送/报送/投稿/转发/转/回复/答复, Fw/Fwd/Re, each with a full- or
/// half-width colon, and 【…】 or […] tags. A tag that names a category (【典型经验】) sets it; control characters
/// go. The mail record keeps the subject as it came.
/// </summary>
public static partial class SubjectTitle
{
    public sealed record Parts(string Title, ReportCategory Category, bool Forwarded);

    [GeneratedRegex(@"^\s*(?<w>信息报送|报送|投稿|转发|轉發|轉寄|转|轉|回复|回覆|答复|fwd|fw|re)\s*[:：]\s*",
        RegexOptions.IgnoreCase)]
    private static partial Regex Word();

    [GeneratedRegex(@"^\s*[【\[]\s*(?<t>[^】\]]{1,20}?)\s*[】\]]\s*")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[\p{Cc}\p{Cf}]+")]
    private static partial Regex Control();

    public static Parts Parse(string subject)
    {
        // Control and format characters (a NUL, a bell, a stray BOM) are no part of a title.
        var rest = Control().Replace(subject, " ").Trim();
        var category = ReportCategory.Other;
        var forwarded = false;
        while (true)
        {
            if (Word().Match(rest) is { Success: true } w)
            {
                forwarded |= w.Groups["w"].Value.ToLowerInvariant() is "转发" or "轉發" or "轉寄" or "转" or "轉"
                    or "fwd" or "fw";
                rest = rest[w.Length..];
            }
            else if (Tag().Match(rest) is { Success: true } t)
            {
                if (category == ReportCategory.Other && Categories.Parse(t.Groups["t"].Value) is { } c) category = c;
                rest = rest[t.Length..];
            }
            else return new Parts(rest.Trim(), category, forwarded);
        }
    }
}
