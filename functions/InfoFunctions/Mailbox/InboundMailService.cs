using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using InfoFunctions.Submissions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace InfoFunctions.Mailbox;

/// <summary>
/// SendGrid Inbound Parse posts: the raw message goes to Blob Storage as it streams in (<c>email</c> field, raw
/// mode) or is rebuilt from the parsed fields, then it is queued for parsing. Refusals are for posts that can never
/// succeed (401 signature, 413 size, 400 form); only a storage fault asks SendGrid to come back (503), and a
/// retry is recognised later by its hash. The signature (when configured) is hashed as the body streams past.
/// </summary>
public sealed class InboundMailService(
    BlobServiceClient blobs, QueueServiceClient queues, InboundSignatureVerifier signatures,
    IOptions<MailboxOptions> options,
    TimeProvider time, ILogger<InboundMailService> log)
{
    private const long FieldLimit = 4 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Mail);
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.Queues.MailInbound);

    public long MaxBodyBytes => options.Value.MaxMailBytes;

    private static Problem BadSignature(string detail = "Webhook 签名无效。") =>
        new(ProblemKind.Unauthenticated, "invalid-signature", detail);

    private Problem TooLarge() => Problem.TooLarge("mail-too-large", $"邮件过大（上限 {ByteSize.Text(MaxBodyBytes)}）。");

    public async Task<Result<InboundReceipt>> ReceiveAsync(
        string signature, string timestamp, string? contentType, long? contentLength, Stream body, CancellationToken ct)
    {
        var pre = signatures.Precheck(signature, timestamp);
        if (pre is SignatureCheck.Missing or SignatureCheck.Stale or SignatureCheck.Invalid)
            return BadSignature("Webhook 签名缺失、过期或无效。");
        if (contentLength > MaxBodyBytes) return TooLarge();
        if (RequestBody.FormBoundary(contentType) is not { } boundary)
            return Problem.Invalid("invalid-multipart", "Inbound Parse 请求应为 multipart/form-data。");

        var receivedAt = time.GetUtcNow();
        var post = new Post($"{receivedAt:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..30], receivedAt);
        var blob = _container.GetBlobClient(post.BlobName);
        using var hash = pre is null ? InboundSignatureVerifier.StartHash(timestamp) : null;
        try
        {
            await using var metered = new MeteredStream(body, MaxBodyBytes, hash);
            await ReadAsync(boundary, metered, blob, post, ct);
            // Whatever follows the last boundary is part of what was signed.
            await metered.CopyToAsync(Stream.Null, ct);

            if (hash is not null && signatures.Verify(signature, hash.GetHashAndReset()) != SignatureCheck.Valid)
            {
                if (post.Written) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                return BadSignature();
            }
            var refused = InboundFields.Check(post.Fields);
            if (!post.Written && !post.Fields.ContainsKey("from") && !post.Fields.ContainsKey("headers"))
                refused.Add(new("email", "请求中既没有 email 字段（raw 模式），也没有 from/headers 字段（parsed 模式）。"));
            if (refused.Count > 0)
            {
                if (post.Written) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                return Problem.Invalid("invalid-inbound", $"不是 SendGrid Inbound Parse 的请求：{refused[0].Message}",
                    refused);
            }
            if (!post.Written) await WriteParsedModeAsync(blob, post, ct);

            var (to, from) = InboundFields.Envelope(post.Fields);
            var mode = post.Fields.ContainsKey("headers") && !post.Fields.ContainsKey("email") ? "parsed" : "raw";
            var message = new InboundMailMessage(post.MailId, post.BlobName, post.RawSha!, to, from, receivedAt, mode);
            await _queue.SendMessageAsync(Json.Serialize(message), ct);
            return new InboundReceipt(post.MailId);
        }
        catch (Exception ex) when (ex is FileTooLargeException
            or Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: 413 })
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return TooLarge();
        }
        catch (Exception ex) when ((ex is InvalidDataException or IOException or FormatException)
            && !ct.IsCancellationRequested)
        {
            if (post.Written) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            // With signing on, an unreadable body is first of all an unauthenticated one.
            return hash is not null
                ? BadSignature()
                : Problem.Invalid("invalid-multipart", "Inbound Parse 请求体格式错误或不完整。");
        }
        catch (System.Text.DecoderFallbackException)
        {
            if (post.Written) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return Problem.Invalid("invalid-inbound", "邮件字段以 UTF-8 标记（BOM）开头，其后却不是 UTF-8 文本。");
        }
        catch (RequestFailedException ex)
        {
            // Storage trouble is transient: 503 makes SendGrid deliver again later.
            log.LogWarning(ex, "入站邮件 {MailId} 暂存失败", post.MailId);
            if (post.Written)
                try { await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None); }
                catch (RequestFailedException) { } // storage is down: the retry stores the mail anew
            return new Problem(ProblemKind.Unavailable, "storage-unavailable", "暂时无法保存邮件，请稍后重试。")
            {
                RetryAfter = TimeSpan.FromSeconds(60),
            };
        }
        catch when (post.Written && !ct.IsCancellationRequested)
        {
            // Nothing is kept of a post that was not queued.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }
        finally
        {
            foreach (var f in post.Files) await f.Content.DisposeAsync();
        }
    }

    /// <summary>One post being read: its fields and parsed-mode files, and the raw mail once stored.</summary>
    private sealed class Post(string mailId, DateTimeOffset receivedAt)
    {
        public string MailId => mailId;
        public string BlobName { get; } = $"{receivedAt:yyyy/MM/dd}/{mailId}.eml";
        public Dictionary<string, byte[]> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<PostedFile> Files { get; } = [];
        public string? RawSha { get; set; }
        public bool Written => RawSha is not null;
    }

    private async Task ReadAsync(string boundary, Stream body, BlobClient blob, Post post, CancellationToken ct)
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
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using var raw = new MeteredStream(section.Body, MaxBodyBytes, sha);
                await blob.UploadAsync(raw, new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" },
                    TransferOptions = AttachmentStore.Transfer,
                }, ct);
                post.RawSha = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            else if (cd?.IsFileDisposition() == true)
            {
                // Parsed mode: attachments arrive as files.
                var content = new MemoryStream();
                await section.Body.CopyToAsync(content, ct);
                content.Position = 0;
                var fileName = cd.FileNameStar.HasValue ? cd.FileNameStar.Value
                    : HeaderUtilities.RemoveQuotes(cd.FileName).Value;
                post.Files.Add(new PostedFile(name, fileName ?? name, section.ContentType ?? "application/octet-stream",
                    content));
            }
            else
            {
                post.Fields[name] = await RequestBody.ReadAtMostAsync(section.Body, FieldLimit, ct)
                    ?? throw new InvalidDataException("表单字段过长。");
            }
        }
    }

    /// <summary>
    /// Parsed mode: the message put back together, so one parser handles both modes; hashed as it is written.
    /// </summary>
    private static async Task WriteParsedModeAsync(BlobClient blob, Post post, CancellationToken ct)
    {
        var message = ParsedModeMessage.Build(post.Fields, post.Files);
        using var sha = SHA256.Create();
        var mime = new BlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" } };
        await using (var stream = await blob.OpenWriteAsync(true, mime, ct))
        await using (var hashing = new CryptoStream(stream, sha, CryptoStreamMode.Write, leaveOpen: true))
            await message.WriteToAsync(hashing, ct);
        post.RawSha = Convert.ToHexStringLower(sha.Hash!);
    }
}
