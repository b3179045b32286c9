using System.Net;
using System.Text.RegularExpressions;

namespace InfoFunctions.Submissions;

/// <summary>
/// Report bodies are plain text. HTML input (pasted from an editor, HTML-only mail) becomes text:
/// scripts, styles and comments dropped, tags stripped, block elements become line breaks,
/// entities decoded. Nothing of the markup survives, so there is nothing left to sanitise.
/// </summary>
public static partial class PlainText
{
    [GeneratedRegex(
        @"<(script|style|head|title|noscript|template|iframe|object)\b[^>]*>.*?</\1\s*>",
        RegexOptions.IgnoreCase | RegexOptions.Singleline
    )]
    private static partial Regex DroppedElements();

    [GeneratedRegex(@"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"<\s*br\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(
        @"<\s*/?\s*(p|div|h[1-6]|li|ul|ol|tr|table|blockquote|section|article|header|footer|pre|hr|dd|dt|dl)\b[^>]*>",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex Blocks();

    [GeneratedRegex(@"<\s*/?\s*(td|th)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Cells();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\u00A0\f\v]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[ \t]*[\r\n]+[ \t]*")]
    private static partial Regex SourceLineEnds();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(
        @"<\s*(html|body|p|div|br|span|table|font|b|strong|i|em|a|h[1-6]|ul|ol|li|img)\b",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex LooksLikeHtml();

    public static bool IsHtml(string text) => LooksLikeHtml().IsMatch(text);

    public static string FromHtml(string html)
    {
        var s = DroppedElements().Replace(html, " ");
        s = Comments().Replace(s, " ");
        // Line ends in the markup are layout, not content; the tags below say where lines break.
        s = SourceLineEnds().Replace(s, " ");
        s = LineBreaks().Replace(s, "\n");
        s = Blocks().Replace(s, "\n");
        s = Cells().Replace(s, "\t");
        s = Tags().Replace(s, "");
        s = WebUtility.HtmlDecode(s);
        return Normalize(s);
    }

    /// <summary>Plain text input, or HTML converted; control characters removed, line ends normalised.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        return IsHtml(text) ? FromHtml(text) : Normalize(text);
    }

    public static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Replace("\r\n", "\n").Replace('\r', '\n'))
        {
            if (ch == '\n' || ch == '\t' || !char.IsControl(ch))
                sb.Append(ch == '\t' ? ' ' : ch);
        }
        var lines = sb.ToString().Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }
}
