using System.Security.Cryptography;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>
/// Rebuilds the MIME message from Inbound Parse's parsed-mode fields, so one parser handles both modes. The
/// mail's own <c>headers</c> come first and win (From, Subject, Date, Message-ID as the sender's client wrote
/// them: Message-ID dedupe then matches raw mode); the <c>from</c> and <c>subject</c> fields only fill what
/// the headers lack. <c>text</c> and <c>html</c> are decoded by their <c>charsets</c> label (GB labels as
/// GB18030); files keep the names and content ids of <c>attachment-info</c>; a forwarded message
/// (<c>message/rfc822</c>) is attached as a message again. The same post always rebuilds to the same bytes.
/// </summary>
public static class ParsedModeMessage
{
    public static MimeMessage Build(IReadOnlyDictionary<string, byte[]> fields, IReadOnlyList<PostedFile> files)
    {
        var charsets = JsonStrings(fields, "charsets");
        string? Text(string field) => fields.TryGetValue(field, out var bytes)
            ? TextDecoding.Decode(bytes, charsets.GetValueOrDefault(field)) : null;

        var message = new MimeMessage();
        message.Headers.Clear(); // no generated Date, Message-Id or empty From ahead of the mail's own
        if (fields.TryGetValue("headers", out var raw))
        {
            using var hs = new MemoryStream([.. raw, .. "\r\n\r\n"u8]);
            foreach (var h in HeaderList.Load(MailParser.Options, hs))
                if (!h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && h.Id != HeaderId.MimeVersion)
                    message.Headers.Add(h);
        }
        if (message.From.Count == 0 && Text("from") is { } from
            && InternetAddressList.TryParse(MailParser.Options, from, out var list)) message.From.AddRange(list);
        if (message.Headers[HeaderId.Subject] is null && Text("subject") is { } subject)
            message.Subject = MailParser.DecodeName(subject)!;

        var info = AttachmentInfo(fields);
        var builder = new BodyBuilder { TextBody = Text("text"), HtmlBody = Text("html") };
        foreach (var file in files)
        {
            var meta = info.GetValueOrDefault(file.Field);
            var name = MailParser.DecodeName(meta?.FileName ?? file.FileName);
            var type = ContentType.TryParse(MailParser.Options, meta?.Type ?? file.ContentType, out var t) ? t
                : new ContentType("application", "octet-stream");
            file.Content.Position = 0;
            if (type.IsMimeType("message", "rfc822"))
            {
                if (Forwarded(file.Content) is { } inner)
                {
                    builder.Attachments.Add(new MessagePart { Message = inner });
                    continue;
                }
                type = new ContentType("application", "octet-stream"); // not a message after all: kept as a file
            }
            var collection = meta?.ContentId is { Length: > 0 } ? builder.LinkedResources : builder.Attachments;
            var part = collection.Add(string.IsNullOrWhiteSpace(name) ? "file" : name, file.Content, type);
            if (meta?.ContentId is { Length: > 0 } cid) part.ContentId = cid.Trim('<', '>');
        }
        message.Body = builder.ToMessageBody();
        Settle(message, fields, files);
        return message;
    }

    /// <summary>
    /// Boundaries from a hash of the post (BodyBuilder's are random): a retried post rebuilds to the same
    /// bytes, so its raw hash already recognises it.
    /// </summary>
    private static void Settle(MimeMessage message, IReadOnlyDictionary<string, byte[]> fields,
        IReadOnlyList<PostedFile> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            sha.AppendData(value);
        }
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(f.Field + "\n" + f.FileName + "\n"));
            sha.AppendData(f.Content.GetBuffer(), 0, (int)f.Content.Length);
        }
        var seed = Convert.ToHexStringLower(sha.GetHashAndReset())[..24];
        var n = 0;
        foreach (var multipart in Multiparts(message.Body!)) multipart.Boundary = $"=_ifp_{seed}_{n++}";
    }

    /// <summary>The rebuilt tree's multiparts; a forwarded message keeps its own.</summary>
    private static IEnumerable<Multipart> Multiparts(MimeEntity entity)
    {
        if (entity is not Multipart m) yield break;
        yield return m;
        foreach (var child in m)
            foreach (var inner in Multiparts(child))
                yield return inner;
    }

    private static MimeMessage? Forwarded(MemoryStream content)
    {
        try { return MimeMessage.Load(MailParser.Options, content); }
        catch (FormatException) { return null; }
        finally { content.Position = 0; }
    }

    private static Dictionary<string, string> JsonStrings(IReadOnlyDictionary<string, byte[]> fields, string field)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue(field, out var bytes)) return map;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return map;
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) map[p.Name] = p.Value.GetString()!;
        }
        catch (JsonException) { }
        return map;
    }

    private sealed record FileInfo(string? FileName, string? Type, string? ContentId);

    /// <summary><c>attachment-info</c>: <c>{"attachment1": {"filename", "name", "type", "content-id"}}</c>.</summary>
    private static Dictionary<string, FileInfo> AttachmentInfo(IReadOnlyDictionary<string, byte[]> fields)
    {
        var map = new Dictionary<string, FileInfo>(StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue("attachment-info", out var bytes)) return map;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return map;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Object) continue;
                string? S(string name) => p.Value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString() : null;
                map[p.Name] = new FileInfo(S("filename") ?? S("name"), S("type"), S("content-id"));
            }
        }
        catch (JsonException) { }
        return map;
    }
}
