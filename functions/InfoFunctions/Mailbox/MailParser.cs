using System.Security.Cryptography;
using System.Text.RegularExpressions;
using InfoFunctions.Submissions;
using MimeKit;
using MimeKit.Utils;

namespace InfoFunctions.Mailbox;

/// <summary>
/// Turns a MIME message into report fields. Charsets (GB2312/GBK/GB18030/UTF-8), encoded-word and
/// RFC 2231 file names are MimeKit's job; here: which text is the report, which parts are files,
/// forwarded mail, HTML-only mail, a report sent only as a .docx, auto-replies and bounces.
/// </summary>
public static partial class MailParser
{
    /// <summary>Below this many 字, the mail text is a covering note and a .docx holds the report.</summary>
    public const int CoveringNoteMaxChars = 60;

    public static ParserOptions Options { get; } = CreateOptions();

    private static ParserOptions CreateOptions()
    {
        var o = ParserOptions.Default.Clone();
        // Chinese clients sometimes put raw 8-bit GBK in headers without encoded-words.
        o.CharsetEncoding = Encoding.GetEncoding("GB18030");
        return o;
    }

    public static async Task<MimeMessage> LoadAsync(Stream stream, CancellationToken ct) =>
        await MimeMessage.LoadAsync(Options, stream, persistent: stream.CanSeek, ct);

    public static ParsedMail Parse(MimeMessage message, string? envelopeFrom = null)
    {
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var auto = DetectAuto(message, envelopeFrom);
        var subject = (message.Subject ?? "").Trim();

        // A forward as an attached message: the inner message is the report.
        var source = message;
        var forwarded = false;
        var outerText = BodyText(message);
        if (message.BodyParts.OfType<MessagePart>().FirstOrDefault() is { Message: { } inner }
            && CharCounter.Count(outerText) < CoveringNoteMaxChars)
        {
            source = inner;
            forwarded = true;
        }

        var body = forwarded ? BodyText(source) : outerText;
        var subjectParts = SubjectTitle.Parse(forwarded && !string.IsNullOrWhiteSpace(source.Subject)
            ? source.Subject! : subject);
        forwarded |= subjectParts.Forwarded;
        if (StripInlineForward(body) is { } innerBody)
        {
            body = innerBody;
            forwarded = true;
        }

        var (title, category) = (subjectParts.Title, subjectParts.Category);
        var attachments = Attachments(source);

        // A report sent only as a Word file: its text becomes the body (read within limits: a bomb is a reason).
        var fromDocx = false;
        string? overLimit = null;
        if (CharCounter.Count(body) < CoveringNoteMaxChars
            && attachments.FirstOrDefault(a => FileNames.Extension(a.Name) == "docx") is { } docx)
        {
            var docxText = ReadDocx(docx);
            if (docxText.Problem is { Kind: ProblemKind.TooLarge } over) overLimit = over.Detail;
            else if (docxText.IsOk && docxText.Value.Length > 0)
            {
                body = docxText.Value;
                fromDocx = true;
                if (title.Length == 0) title = body.Split('\n', 2)[0].Trim();
            }
        }
        if (title.Length == 0) title = Path.GetFileNameWithoutExtension(attachments.FirstOrDefault()?.Name) ?? "";
        if (title.Length == 0) title = "（无主题）";
        if (title.Length > ReportRules.MaxTitleLength) title = title[..ReportRules.MaxTitleLength];
        if (body.Length == 0) body = attachments.Count > 0 ? "（正文见附件）" : "";

        return new ParsedMail(from?.Address, string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name,
            message.MessageId, subject,
            title, body, category, attachments, auto, forwarded, fromDocx, overLimit);
    }

    public static string BodyText(MimeMessage m)
    {
        if (m.TextBody is { } text && !string.IsNullOrWhiteSpace(text)) return PlainText.Clean(text);
        if (m.HtmlBody is { } html) return PlainText.FromHtml(html);
        return "";
    }

    public static Result<string> ReadDocx(MailAttachment docx)
    {
        using var buffer = new MemoryStream();
        docx.Part.Content?.DecodeTo(buffer);
        buffer.Position = 0;
        return DocxText.Extract(buffer, docx.Name);
    }

    /// <summary>Every part that is a file: named parts (attached or inline) and unnamed inline images.</summary>
    public static IReadOnlyList<MailAttachment> Attachments(MimeMessage m)
    {
        var list = new List<MailAttachment>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = 0;
        foreach (var part in m.BodyParts.OfType<MimePart>())
        {
            if (part is TextPart && part.FileName is null && !part.IsAttachment) continue; // the body itself
            if (part.ContentType.IsMimeType("message", "*") || part.ContentType.IsMimeType("text",
                "rfc822-headers")) continue;
            var name = part.FileName;
            if (string.IsNullOrWhiteSpace(name))
            {
                if (!part.ContentType.IsMimeType("image", "*")) continue;
                name = $"图片{++images}.{ImageExtension(part.ContentType.MediaSubtype)}";
            }
            list.Add(new MailAttachment(FileNames.Unique(FileNames.Clean(name), taken), part));
        }
        return list;
    }

    private static string ImageExtension(string subtype) => subtype.ToLowerInvariant() switch
    {
        "jpeg" or "jpg" or "pjpeg" => "jpg",
        "png" => "png",
        "gif" => "gif",
        "webp" => "webp",
        var s => s,
    };

    /// <summary>Auto-replies and bounces are kept but never answered (answering them loops).</summary>
    public static AutoKind DetectAuto(MimeMessage m, string? envelopeFrom)
    {
        if (m.Body is MultipartReport || m.Body?.ContentType.IsMimeType("multipart",
            "report") == true) return AutoKind.Bounce;
        var returnPath = m.Headers[HeaderId.ReturnPath];
        if (returnPath is not null && returnPath.Trim() == "<>") return AutoKind.Bounce;
        if (envelopeFrom is not null && (envelopeFrom.Trim() is "" or "<>")) return AutoKind.Bounce;
        var fromLocal = m.From.Mailboxes.FirstOrDefault()?.LocalPart?.ToLowerInvariant();
        if (fromLocal is "mailer-daemon" or "postmaster") return AutoKind.Bounce;

        var autoSubmitted = m.Headers["Auto-Submitted"];
        if (autoSubmitted is not null && !autoSubmitted.Trim().Equals("no",
            StringComparison.OrdinalIgnoreCase)) return AutoKind.AutoReply;
        if (m.Headers["X-Autoreply"] is not null || m.Headers["X-Autorespond"] is not null
            || m.Headers["X-Autogenerated"] is not null) return AutoKind.AutoReply;
        if (m.Headers["Precedence"]?.Trim().ToLowerInvariant() is "auto_reply" or "bulk" or "junk")
            return AutoKind.AutoReply;
        return AutoKind.None;
    }

    internal const string ForwardPattern =
        @"^\s*(-{2,}\s*(Forwarded message|Original Message|原始邮件|转发邮件信息|转发的邮件|邮件原文)\s*-{2,}"
        + @"|-{5,}\s*$|_{10,}\s*$)";

    [GeneratedRegex(ForwardPattern, RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ForwardMarker();

    [GeneratedRegex(@"^\s*(From|Sent|Date|To|Cc|Subject|发件人|发送时间|日期|时间|收件人|抄送|主题)\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardHeaderLine();

    /// <summary>
    /// An inline-forwarded mail: a short note, a marker line, a header block, then the report.
    /// Returns the report part, or null when the text is not a forward.
    /// </summary>
    public static string? StripInlineForward(string body)
    {
        var marker = ForwardMarker().Match(body);
        if (!marker.Success || CharCounter.Count(body[..marker.Index]) >= CoveringNoteMaxChars) return null;
        var lines = body[(marker.Index + marker.Length)..].Split('\n').ToList();
        var i = 0;
        while (i < lines.Count && (lines[i].Trim().Length == 0 || ForwardHeaderLine().IsMatch(lines[i]))) i++;
        var rest = PlainText.Normalize(string.Join('\n', lines.Skip(i)));
        return rest.Length == 0 ? null : rest;
    }

    /// <summary>A name or subject that still holds encoded words (=?gb2312?B?…?=), decoded.</summary>
    public static string? DecodeName(string? text) => text is not null && text.Contains("=?", StringComparison.Ordinal)
        ? Rfc2047.DecodeText(Options, Encoding.UTF8.GetBytes(text)) : text;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
