using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MimeKit;

namespace InfoFunctions.Mailbox;

/// <summary>
/// SendGrid Inbound Parse webhook. Stores the raw message in Blob Storage as it streams in, queues
/// it for parsing and answers at once. 4xx for posts that can never succeed, 5xx only for
/// transient storage faults (SendGrid then retries; a retry is recognised by its hash).
/// </summary>
public sealed class InboundMailFunction(
    BlobServiceClient blobs, QueueServiceClient queues, InboundSignatureVerifier signatures, IOptions<MailboxOptions> options,
    TimeProvider time, ILogger<InboundMailFunction> log)
{
    private const long FieldLimit = 4 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Mail);
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.Queues.MailInbound);

    [Function("InboundMail"), Public]
    public async Task<IActionResult> Receive([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/inbound/mail")] HttpRequest req)
    {
        var ct = req.HttpContext.RequestAborted;
        var signature = req.Headers[InboundSignatureVerifier.SignatureHeader].ToString();
        var timestamp = req.Headers[InboundSignatureVerifier.TimestampHeader].ToString();
        var pre = signatures.Precheck(signature, timestamp);
        if (pre is SignatureCheck.Missing or SignatureCheck.Stale or SignatureCheck.Invalid)
            return Api.Problem(401, "invalid-signature", "Webhook 签名缺失、过期或无效。");

        if (req.ContentLength > options.Value.MaxMailBytes)
            return Api.Problem(413, "mail-too-large", $"邮件过大（上限 {AttachmentStore.Mb(options.Value.MaxMailBytes)}）。");
        if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = options.Value.MaxMailBytes;
        var boundary = MediaTypeHeaderValue.TryParse(req.ContentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary)) return Api.BadRequest("invalid-multipart", "Inbound Parse 请求应为 multipart/form-data。");

        var receivedAt = time.GetUtcNow();
        var mailId = $"{receivedAt:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..30];
        var blobName = $"{receivedAt:yyyy/MM/dd}/{mailId}.eml";
        var blob = _container.GetBlobClient(blobName);
        using var hash = pre is null ? InboundSignatureVerifier.StartHash(timestamp) : null;
        var body = new HashingStream(req.Body, hash, options.Value.MaxMailBytes);
        var fields = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var files = new List<(string Name, string ContentType, MemoryStream Content)>();
        string? rawSha = null;
        var written = false;

        try
        {
            var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null, HeadersLengthLimit = 64 * 1024 };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                var cd = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(cd?.Name ?? default).Value ?? "";
                if (name.Equals("email", StringComparison.OrdinalIgnoreCase))
                {
                    // Raw mode: the full MIME goes straight to Blob Storage, hashed on the way.
                    using var raw = new InspectingStream(section.Body, options.Value.MaxMailBytes);
                    await blob.UploadAsync(raw, new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" },
                        TransferOptions = AttachmentStore.Transfer,
                    }, ct);
                    rawSha = Convert.ToHexStringLower(raw.Sha256());
                    written = true;
                }
                else if (cd?.IsFileDisposition() == true)
                {
                    // Parsed mode: attachments arrive as files.
                    var content = new MemoryStream();
                    await section.Body.CopyToAsync(content, ct);
                    content.Position = 0;
                    var fileName = cd.FileNameStar.HasValue ? cd.FileNameStar.Value : HeaderUtilities.RemoveQuotes(cd.FileName).Value;
                    files.Add((fileName ?? name, section.ContentType ?? "application/octet-stream", content));
                }
                else
                {
                    fields[name] = await ReadFieldAsync(section.Body, ct);
                }
            }
            // Whatever follows the last boundary is part of what was signed.
            await body.CopyToAsync(Stream.Null, ct);

            if (hash is not null && signatures.Verify(signature, hash.GetHashAndReset()) != SignatureCheck.Valid)
            {
                if (written) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                return Api.Problem(401, "invalid-signature", "Webhook 签名无效。");
            }

            if (!written)
            {
                if (!fields.ContainsKey("from") && !fields.ContainsKey("headers"))
                    return Api.BadRequest("invalid-inbound", "请求中既没有 email 字段（raw 模式），也没有 from/headers 字段（parsed 模式）。");
                // Parsed mode: put the message back together so one parser handles both modes.
                var message = ParsedModeMessage.Build(fields, files);
                using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                await using (var stream = await blob.OpenWriteAsync(true, new BlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" } }, ct))
                await using (var hashing = new HashingWriteStream(stream, sha))
                    await message.WriteToAsync(hashing, ct);
                rawSha = Convert.ToHexStringLower(sha.GetHashAndReset());
                written = true;
            }

            var envelope = Envelope(fields);
            await _queue.SendMessageAsync(Json.Serialize(new InboundMailMessage(mailId, blobName, rawSha!, envelope.To, envelope.From, receivedAt, fields.ContainsKey("headers") && !fields.ContainsKey("email") ? "parsed" : "raw")), ct);
            return Api.Ok(new { mailId });
        }
        catch (FileTooLargeException)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return Api.Problem(413, "mail-too-large", $"邮件过大（上限 {AttachmentStore.Mb(options.Value.MaxMailBytes)}）。");
        }
        catch (Exception ex) when ((ex is InvalidDataException or IOException or FormatException) && !ct.IsCancellationRequested)
        {
            if (written) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            // With signing on, an unreadable body is first of all an unauthenticated one.
            return hash is not null
                ? Api.Problem(401, "invalid-signature", "Webhook 签名无效。")
                : Api.BadRequest("invalid-multipart", "Inbound Parse 请求体格式错误或不完整。");
        }
        catch (RequestFailedException ex)
        {
            // Storage trouble is transient: 503 makes SendGrid deliver again later.
            log.LogWarning(ex, "入站邮件 {MailId} 暂存失败", mailId);
            return Api.Problem(503, "storage-unavailable", "暂时无法保存邮件，请稍后重试。", headers: new Dictionary<string, string> { ["Retry-After"] = "60" });
        }
        finally
        {
            foreach (var f in files) await f.Content.DisposeAsync();
        }
    }

    private static async Task<byte[]> ReadFieldAsync(Stream s, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await s.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > FieldLimit) throw new InvalidDataException("表单字段过长。");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static (IReadOnlyList<string> To, string? From) Envelope(Dictionary<string, byte[]> fields)
    {
        if (!fields.TryGetValue("envelope", out var bytes)) return ([], null);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var to = doc.RootElement.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(x => x.GetString()).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList()
                : [];
            var from = doc.RootElement.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            return (to, from);
        }
        catch (JsonException) { return ([], null); }
    }
}

/// <summary>Rebuilds a MIME message from Inbound Parse's parsed-mode fields (headers, text, html, charsets, files).</summary>
public static class ParsedModeMessage
{
    public static MimeMessage Build(IReadOnlyDictionary<string, byte[]> fields, IReadOnlyList<(string Name, string ContentType, MemoryStream Content)> files)
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
        if (message.From.Count == 0 && Text("from") is { } from && InternetAddressList.TryParse(from, out var list)) message.From.AddRange(list);
        if (string.IsNullOrEmpty(message.Subject) && Text("subject") is { } subject) message.Subject = subject;

        var builder = new BodyBuilder { TextBody = Text("text"), HtmlBody = Text("html") };
        foreach (var (name, type, content) in files)
            builder.Attachments.Add(name, content, ContentType.TryParse(type, out var ct) ? ct : new ContentType("application", "octet-stream"));
        message.Body = builder.ToMessageBody();
        return message;
    }
}

/// <summary>Hashes what is written through it.</summary>
internal sealed class HashingWriteStream(Stream inner, System.Security.Cryptography.IncrementalHash hash) : Stream
{
    public override void Write(byte[] buffer, int offset, int count) { hash.AppendData(buffer, offset, count); inner.Write(buffer, offset, count); }
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { hash.AppendData(buffer.Span); await inner.WriteAsync(buffer, ct); }
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
