using System.IO.Compression;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using InfoFunctions.Platform;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Submissions;

/// <summary>A refused file: the HTTP status (413/415/400), a stable code and a Chinese explanation.</summary>
public sealed record FileProblem(int Status, string Code, string Detail);

/// <summary>
/// Attachments live in the <c>attachments</c> container as <c>&lt;reportId&gt;/&lt;name&gt;</c>.
/// Uploads stream through <see cref="InspectingStream"/>: the type is checked on the first bytes
/// before anything is written, and the size limit stops the upload as soon as it is passed.
/// </summary>
public sealed class AttachmentStore(BlobServiceClient blobs, IOptions<SubmissionsOptions> options, TimeProvider time)
{
    // Small files go up in one request; large ones in 4 MiB blocks so memory stays bounded.
    public static readonly StorageTransferOptions Transfer = new() { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024, MaximumConcurrency = 2 };
    private const long SinglePutLimit = 4 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Attachments);
    private UserDelegationKey? _delegationKey;

    public static string BlobName(string reportId, string name) => $"{reportId}/{name}";

    public async Task<(Attachment? Attachment, FileProblem? Problem)> UploadAsync(string reportId, string name, Stream content, long maxBytes, CancellationToken ct)
    {
        var limit = Math.Min(maxBytes, options.Value.MaxFileBytes);
        using var inspect = new InspectingStream(content, limit);
        try
        {
            await inspect.PrimeAsync(ct);
        }
        catch (FileTooLargeException)
        {
            return (null, TooLarge(name, limit));
        }
        var (type, problem) = ContentSniffer.Check(name, inspect.Head);
        if (type is null) return (null, new FileProblem(415, "unsupported-file-type", problem!));
        if (inspect.HeadLength == 0) return (null, new FileProblem(400, "empty-file", $"文件“{name}”是空的。"));

        var blob = _container.GetBlobClient(BlobName(reportId, name));
        try
        {
            // A file that fits one request is buffered (at most 4 MiB) so it goes up in a single Put Blob;
            // a larger one continues streaming in blocks.
            using var first = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while (first.Length <= SinglePutLimit && (n = await inspect.ReadAsync(chunk, ct)) > 0) first.Write(chunk, 0, n);
            first.Position = 0;
            Stream upload = first.Length <= SinglePutLimit ? first : new ConcatStream(first, inspect);
            await blob.UploadAsync(upload, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = type.ContentType },
                TransferOptions = Transfer,
            }, ct);
        }
        catch (FileTooLargeException)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return (null, TooLarge(name, limit));
        }
        if (type.Signature == Signature.Zip && !inspect.SawWordEntry)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return (null, new FileProblem(415, "unsupported-file-type", $"文件“{name}”不是有效的 Word（.docx）文档。"));
        }
        return (new Attachment(name, type.ContentType, inspect.Length_, type.Kind), null);
    }

    private FileProblem TooLarge(string name, long limit) =>
        limit < options.Value.MaxFileBytes
            ? new(413, "report-too-large", $"稿件附件总大小超过上限 {Mb(options.Value.MaxReportBytes)}。")
            : new(413, "file-too-large", $"文件“{name}”超过单个文件大小上限 {Mb(limit)}；大文件请通过上传链接提交。");

    public static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    /// <summary>Removes what a failed request wrote, so bad input leaves storage as it was.</summary>
    public Task DeleteAsync(string reportId, IEnumerable<string> names) =>
        Task.WhenAll(names.Select(n => _container.GetBlobClient(BlobName(reportId, n)).DeleteIfExistsAsync(cancellationToken: CancellationToken.None)));

    /// <summary>
    /// Checks a blob a client put through an upload link: size within limits, the name's type and
    /// signature, a .docx really holding a <c>word/</c> part. Deletes it when it fails.
    /// </summary>
    public async Task<(Attachment? Attachment, FileProblem? Problem)> ConfirmAsync(string reportId, string name, long maxBytes, CancellationToken ct)
    {
        var blob = _container.GetBlobClient(BlobName(reportId, name));
        BlobProperties props;
        try { props = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return (null, new FileProblem(409, "upload-missing", $"尚未收到文件“{name}”，请先通过上传链接上传。")); }

        FileProblem? problem = null;
        FileType? type = null;
        var limit = Math.Min(maxBytes, options.Value.MaxFileBytes);
        if (props.ContentLength > limit) problem = TooLarge(name, limit);
        else if (props.ContentLength == 0) problem = new FileProblem(400, "empty-file", $"文件“{name}”是空的。");
        else
        {
            var head = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, ContentSniffer.HeadLength) }, ct)).Value.Content.ToArray();
            (type, var why) = ContentSniffer.Check(name, head);
            if (type is null) problem = new FileProblem(415, "unsupported-file-type", why!);
            else if (type.Signature == Signature.Zip && !await HasWordPartAsync(blob, ct))
                problem = new FileProblem(415, "unsupported-file-type", $"文件“{name}”不是有效的 Word（.docx）文档。");
        }
        if (problem is not null)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return (null, problem);
        }
        await blob.SetHttpHeadersAsync(new BlobHttpHeaders { ContentType = type!.ContentType }, cancellationToken: ct);
        return (new Attachment(name, type.ContentType, props.ContentLength, type.Kind), null);
    }

    private static async Task<bool> HasWordPartAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            // The zip directory sits at the end; a seekable blob stream reads only the ranges it needs.
            await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(false) { BufferSize = 256 * 1024 }, ct);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            return zip.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal));
        }
        catch (InvalidDataException) { return false; }
    }

    public async Task<Stream> OpenAsync(string reportId, string name, CancellationToken ct) =>
        (await _container.GetBlobClient(BlobName(reportId, name)).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;

    public Task<Uri> UploadLinkAsync(string reportId, string name, DateTimeOffset expires, CancellationToken ct) =>
        LinkAsync(BlobName(reportId, name), BlobSasPermissions.Create | BlobSasPermissions.Write, expires, null, ct);

    public Task<Uri> ReadLinkAsync(string reportId, string name, DateTimeOffset expires, CancellationToken ct) =>
        LinkAsync(BlobName(reportId, name), BlobSasPermissions.Read, expires, $"attachment; filename*=UTF-8''{Uri.EscapeDataString(name)}", ct);

    /// <summary>
    /// A short-lived SAS for one blob: signed with the account key when the app has one (Azurite,
    /// connection strings), otherwise a user-delegation SAS from the app's managed identity.
    /// </summary>
    private async Task<Uri> LinkAsync(string blobName, BlobSasPermissions permissions, DateTimeOffset expires, string? disposition, CancellationToken ct)
    {
        var blob = _container.GetBlobClient(blobName);
        var sas = new BlobSasBuilder(permissions, expires)
        {
            BlobContainerName = _container.Name,
            BlobName = blobName,
            Resource = "b",
            StartsOn = time.GetUtcNow().AddMinutes(-5), // clock skew
            ContentDisposition = disposition,
        };
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas);

        var now = time.GetUtcNow();
        var key = _delegationKey;
        if (key is null || key.SignedExpiresOn < expires.AddMinutes(5))
            _delegationKey = key = (await blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), now.AddHours(6), ct)).Value;
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
    }
}

/// <summary>Reads one stream, then another (a buffered head, then the rest of an upload).</summary>
internal sealed class ConcatStream(Stream first, Stream second) : Stream
{
    private bool _firstDone;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (!_firstDone)
        {
            var n = await first.ReadAsync(buffer, ct);
            if (n > 0) return n;
            _firstDone = true;
        }
        return await second.ReadAsync(buffer, ct);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
