using System.Text;
using System.Text.Json;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>
/// Rebuilds a MIME message from Inbound Parse's parsed-mode fields (headers, text, html, charsets, files).
/// </summary>
public static class ParsedModeMessage
{
    public static MimeMessage Build(IReadOnlyDictionary<string, byte[]> fields,
        IReadOnlyList<(string Name, string ContentType, MemoryStream Content)> files)
    {
        var charsets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fields.TryGetValue("charsets", out var cs))
        {
            try
            {
                foreach (var p in JsonDocument.Parse(cs).RootElement.EnumerateObject())
                    if (p.Value.GetString() is { } v) charsets[p.Name] = v;
            }
            catch (JsonException) { }
        }
        string? Text(string field)
        {
            if (!fields.TryGetValue(field, out var bytes)) return null;
            var charset = charsets.GetValueOrDefault(field, "utf-8");
            Encoding encoding;
            try { encoding = Encoding.GetEncoding(charset); } catch (ArgumentException) { encoding = Encoding.UTF8; }
            return encoding.GetString(bytes);
        }

        var message = new MimeMessage();
        if (Text("headers") is { } headers)
        {
            using var hs = new MemoryStream(Encoding.UTF8.GetBytes(headers.TrimEnd() + "\r\n\r\n"));
            foreach (var h in HeaderList.Load(MailParser.Options, hs))
                if (h.Id is not (HeaderId.ContentType or HeaderId.ContentTransferEncoding or HeaderId.MimeVersion))
                    message.Headers.Add(h);
        }
        if (message.From.Count == 0 && Text("from") is { } from
            && InternetAddressList.TryParse(from, out var list)) message.From.AddRange(list);
        if (string.IsNullOrEmpty(message.Subject) && Text("subject") is { } subject) message.Subject = subject;

        var builder = new BodyBuilder { TextBody = Text("text"), HtmlBody = Text("html") };
        foreach (var (name, type, content) in files)
            builder.Attachments.Add(name, content, ContentType.TryParse(type, out var ct) ? ct
                : new ContentType("application", "octet-stream"));
        message.Body = builder.ToMessageBody();
        return message;
    }
}
