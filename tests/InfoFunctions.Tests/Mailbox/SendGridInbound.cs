using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>
/// A mail posted the way SendGrid Inbound Parse posts it. Raw mode: <c>email</c> holds the whole MIME. Parsed mode
/// (SendGrid's documented fields): <c>headers</c> (the raw header block), <c>dkim</c>, <c>to</c>, <c>from</c>,
/// <c>subject</c> (decoded to UTF-8), <c>envelope</c>, <c>charsets</c> (each text field's charset as the mail
/// labelled it), <c>SPF</c>, <c>sender_ip</c>, <c>spam_score</c>, <c>text</c> and <c>html</c> (transfer-decoded,
/// still in the mail's charset), <c>attachments</c> (count), <c>attachment-info</c> (JSON: filename, name, type,
/// content-id) and <c>attachment1</c>… (the files; a forwarded message is a <c>message/rfc822</c> file).
/// </summary>
public static class SendGridInbound
{
    public const string Mailbox = "xinxi@inbound.example.org";

    public static string Envelope(string from) =>
        JsonSerializer.Serialize(new { to = new[] { Mailbox }, from });

    public static MultipartFormDataContent Raw(byte[] mime, string envelopeFrom = "sender@example.org") => new()
    {
        { new StringContent(Envelope(envelopeFrom)), "envelope" },
        { new StringContent("{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\"}"), "charsets" },
        { new StringContent("pass"), "SPF" },
        { new ByteArrayContent(mime), "email" },
        { new StringContent(Mailbox), "to" },
    };

    public static MultipartFormDataContent Parsed(byte[] mime, string? envelopeFrom = null)
    {
        var message = MimeMessage.Load(new MemoryStream(mime));
        var form = new MultipartFormDataContent();
        void Field(string name, string value) => form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name);

        form.Add(new ByteArrayContent(HeaderBlock(mime)), "headers");
        Field("dkim", "{@example.org : pass}");
        Field("to", message.To.ToString());
        Field("from", message.From.ToString());
        Field("subject", message.Subject ?? "");
        Field("envelope", Envelope(envelopeFrom ?? message.From.Mailboxes.First().Address));
        Field("SPF", "pass");
        Field("sender_ip", "203.0.113.25");
        Field("spam_score", "0.1");

        var charsets = new Dictionary<string, string> { ["to"] = "UTF-8", ["from"] = "UTF-8", ["subject"] = "UTF-8" };
        var files = new List<(byte[] Bytes, string Name, string Type, string? ContentId)>();
        foreach (var entity in message.BodyParts)
        {
            if (entity is MessagePart forwarded)
            {
                using var inner = new MemoryStream();
                forwarded.Message!.WriteTo(inner);
                files.Add((inner.ToArray(), forwarded.ContentDisposition?.FileName ?? "forwarded.eml",
                    "message/rfc822", null));
                continue;
            }
            if (entity is not MimePart part) continue;
            var bytes = Decoded(part);
            if (part is TextPart text && !part.IsAttachment && part.FileName is null
                && (text.IsPlain || text.IsHtml) && !form.Any(c => c.Headers.ContentDisposition?.Name
                    == (text.IsPlain ? "text" : "html")))
            {
                var field = text.IsPlain ? "text" : "html";
                form.Add(new ByteArrayContent(bytes), field);
                charsets[field] = part.ContentType.Charset ?? "us-ascii";
                continue;
            }
            files.Add((bytes, part.FileName ?? "", part.ContentType.MimeType, part.ContentId));
        }
        Field("charsets", JsonSerializer.Serialize(charsets));
        Field("attachments", files.Count.ToString());
        var info = new Dictionary<string, Dictionary<string, string>>();
        for (var i = 0; i < files.Count; i++)
        {
            var (bytes, name, type, cid) = files[i];
            var field = $"attachment{i + 1}";
            info[field] = new Dictionary<string, string> { ["filename"] = name, ["name"] = name, ["type"] = type };
            if (cid is not null) info[field]["content-id"] = cid;
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, field, name.Length == 0 ? field : name);
        }
        Field("attachment-info", JsonSerializer.Serialize(info));
        return form;
    }

    /// <summary>The message with its Message-ID replaced, so each test's delivery is its own mail.</summary>
    public static byte[] WithMessageId(byte[] mime, string messageId)
    {
        var text = Encoding.Latin1.GetString(mime);
        var start = text.IndexOf("\nMessage-ID:", StringComparison.OrdinalIgnoreCase);
        var end = text.IndexOf('\n', start + 1);
        return Encoding.Latin1.GetBytes(text[..start] + $"\nMessage-ID: <{messageId}>\r" + text[end..]);
    }

    private static byte[] HeaderBlock(byte[] mime)
    {
        var end = mime.AsSpan().IndexOf("\r\n\r\n"u8);
        return mime[..(end + 2)];
    }

    private static byte[] Decoded(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content?.DecodeTo(buffer);
        return buffer.ToArray();
    }
}
