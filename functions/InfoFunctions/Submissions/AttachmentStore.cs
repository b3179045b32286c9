using System.IO.Compression;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using InfoFunctions.Platform;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Submissions;

/// <summary>
/// Attachments live in the <c>attachments</c> container as <c>&lt;reportId&gt;/&lt;name&gt;</c>.
/// Uploads stream through a <see cref="MeteredStream"/>: the type is checked on the first bytes
/// before anything is written, and the size limit stops the upload as soon as it is passed.
/// </summary>
public sealed class AttachmentStore(BlobServiceClient blobs, IOptions<SubmissionsOptions> options, TimeProvider time)
{
    // Small files go up in one request; large ones in 4 MiB blocks so memory stays bounded.
    public static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = SinglePutLimit, MaximumTransferSize = SinglePutLimit, MaximumConcurrency = 2,
    };
    private const int SinglePutLimit = 4 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Attachments);
    private UserDelegationKey? _delegationKey;

    public static string BlobName(string reportId, string name) => $"{reportId}/{name}";

    public async Task<Result<Attachment>> UploadAsync(
        string reportId, string name, Stream content, long maxBytes, CancellationToken ct)
    {
        var limit = Math.Min(maxBytes, options.Value.MaxFileBytes);
        var inspection = new FileInspection();
        await using var stream = new MeteredStream(content, limit, observe: inspection.Observe);
        var blob = _container.GetBlobClient(BlobName(reportId, name));
        var writing = false;
        try
        {
            await stream.ReadAheadAsync(ContentSniffer.HeadLength, ct);
            var type = ContentSniffer.Check(name, inspection.Head);
            if (!type.IsOk) return type.Problem!;
            if (inspection.HeadLength == 0) return Problem.Invalid("empty-file", $"文件“{name}”是空的。");

            // A file that fits one request is read whole (at most 4 MiB) and goes up in a single Put Blob;
            // a larger one streams on in blocks.
            await stream.ReadAheadAsync(SinglePutLimit + 1, ct);
            var upload = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = type.Value.ContentType },
                TransferOptions = Transfer,
            };
            writing = true;
            if (stream.Ended) await blob.UploadAsync(BinaryData.FromBytes(stream.Ahead), upload, ct);
            else await blob.UploadAsync(stream, upload, ct);

            if (type.Value.Signature == Signature.Zip && !inspection.SawWordEntry)
            {
                await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
                return ContentSniffer.NotWord(name);
            }
            return new Attachment(name, type.Value.ContentType, stream.BytesRead, type.Value.Kind);
        }
        catch (FileTooLargeException)
        {
            if (writing) await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return TooLarge(name, limit);
        }
    }

    private Problem TooLarge(string name, long limit) =>
        limit < options.Value.MaxFileBytes
            ? Problem.TooLarge("report-too-large",
                $"稿件附件总大小超过上限 {ByteSize.Text(options.Value.MaxReportBytes)}。")
            : Problem.TooLarge("file-too-large",
                $"文件“{name}”超过单个文件大小上限 {ByteSize.Text(limit)}；大文件请通过上传链接提交。");

    /// <summary>Removes what a failed request wrote, so bad input leaves storage as it was.</summary>
    public Task DeleteAsync(string reportId, IEnumerable<string> names) =>
        Task.WhenAll(names.Select(n => _container.GetBlobClient(BlobName(reportId, n))
            .DeleteIfExistsAsync(cancellationToken: CancellationToken.None)));

    /// <summary>
    /// Checks a blob a client put through an upload link: size within limits, the name's type and
    /// signature, a .docx really holding a <c>word/</c> part. Deletes it when it fails.
    /// </summary>
    public async Task<Result<Attachment>> ConfirmAsync(string reportId, string name, long maxBytes,
        CancellationToken ct)
    {
        var blob = _container.GetBlobClient(BlobName(reportId, name));
        BlobProperties props;
        try { props = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value; }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problem.Conflict("upload-missing", $"尚未收到文件“{name}”，请先通过上传链接上传。");
        }

        var type = await CheckUploadedAsync(blob, name, props.ContentLength,
            Math.Min(maxBytes, options.Value.MaxFileBytes), ct);
        if (!type.IsOk)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return type.Problem!;
        }
        await blob.SetHttpHeadersAsync(new BlobHttpHeaders { ContentType = type.Value.ContentType },
            cancellationToken: ct);
        return new Attachment(name, type.Value.ContentType, props.ContentLength, type.Value.Kind);
    }

    private async Task<Result<FileType>> CheckUploadedAsync(
        BlobClient blob, string name, long length, long limit, CancellationToken ct)
    {
        if (length > limit) return TooLarge(name, limit);
        if (length == 0) return Problem.Invalid("empty-file", $"文件“{name}”是空的。");
        var range = new BlobDownloadOptions { Range = new HttpRange(0, ContentSniffer.HeadLength) };
        var head = (await blob.DownloadContentAsync(range, ct)).Value.Content.ToArray();
        var type = ContentSniffer.Check(name, head);
        if (type.IsOk && type.Value.Signature == Signature.Zip && !await HasWordPartAsync(blob, ct))
            return ContentSniffer.NotWord(name);
        return type;
    }

    private static async Task<bool> HasWordPartAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            // The zip directory sits at the end; a seekable blob stream reads only the ranges it needs.
            var seekable = new BlobOpenReadOptions(allowModifications: false) { BufferSize = 256 * 1024 };
            await using var stream = await blob.OpenReadAsync(seekable, ct);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            return zip.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal));
        }
        catch (InvalidDataException) { return false; }
    }

    public async Task<bool> ExistsAsync(string reportId, string name, CancellationToken ct) =>
        (await _container.GetBlobClient(BlobName(reportId, name)).ExistsAsync(ct)).Value;

    public async Task<Stream> OpenAsync(string reportId, string name, CancellationToken ct) =>
        (await _container.GetBlobClient(BlobName(reportId, name)).DownloadStreamingAsync(cancellationToken: ct))
            .Value.Content;

    public Task<Uri> UploadLinkAsync(string reportId, string name, DateTimeOffset expires, CancellationToken ct) =>
        LinkAsync(BlobName(reportId, name), BlobSasPermissions.Create | BlobSasPermissions.Write, expires, null, ct);

    public Task<Uri> ReadLinkAsync(string reportId, string name, DateTimeOffset expires, CancellationToken ct) =>
        LinkAsync(BlobName(reportId, name), BlobSasPermissions.Read, expires,
            $"attachment; filename*=UTF-8''{Uri.EscapeDataString(name)}", ct);

    /// <summary>
    /// A short-lived SAS for one blob: signed with the account key when the app has one (Azurite,
    /// connection strings), otherwise a user-delegation SAS from the app's managed identity.
    /// </summary>
    private async Task<Uri> LinkAsync(string blobName, BlobSasPermissions permissions, DateTimeOffset expires,
        string? disposition, CancellationToken ct)
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
            _delegationKey = key = (await blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), now.AddHours(6), ct))
                .Value;
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
    }
}
