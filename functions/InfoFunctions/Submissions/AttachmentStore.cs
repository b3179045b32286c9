using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace InfoFunctions.Submissions;

/// <summary>
/// Attachments live in the <c>attachments</c> container as <c>&lt;reportId&gt;/&lt;name&gt;</c>; files of upload
/// links wait in the <c>uploads</c> container until confirmed (<see cref="StagingName"/>).
/// Uploads stream through a <see cref="MeteredStream"/>: the type is checked on the first bytes
/// before anything is written, and the size limit stops the upload as soon as it is passed.
/// </summary>
public sealed class AttachmentStore(BlobServiceClient blobs, IOptions<SubmissionsOptions> options, TimeProvider time)
{
    // Small files go up in one request; large ones in 4 MiB blocks so memory stays bounded.
    public static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = SinglePutLimit,
        MaximumTransferSize = SinglePutLimit,
        MaximumConcurrency = 2,
    };
    private const int SinglePutLimit = 4 * 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Attachments);
    private readonly BlobContainerClient _staging = blobs.GetBlobContainerClient(StorageNames.Containers.Uploads);
    private UserDelegationKey? _delegationKey;

    public static string BlobName(string reportId, string name) => $"{reportId}/{name}";

    /// <summary>
    /// Stores a file as the report's attachment <paramref name="name"/>. With <paramref name="uploadId"/> (a confirmed
    /// upload link) the file is marked with it and never replaces another file of that name, only its own earlier try.
    /// </summary>
    public async Task<Result<Attachment>> UploadAsync(
        string reportId, string name, Stream content, long maxBytes, CancellationToken ct, string? uploadId = null)
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
            if (uploadId is not null)
            {
                // Never replaces a file stored otherwise; replaces this link's own earlier try.
                var held = await HolderAsync(blob, ct);
                if (held is { } h && h.UploadId != uploadId) return NameTaken(name);
                upload.Metadata = new Dictionary<string, string> { [UploadIdKey] = uploadId };
                upload.Conditions = held is { } mine ? new() { IfMatch = mine.ETag } : new() { IfNoneMatch = ETag.All };
            }
            writing = true;
            try
            {
                if (stream.Ended) await blob.UploadAsync(BinaryData.FromBytes(stream.Ahead), upload, ct);
                else await blob.UploadAsync(stream, upload, ct);
            }
            catch (RequestFailedException ex) when (uploadId is not null && ex.Status is 409 or 412)
            {
                // Someone wrote the name meanwhile: the same link confirmed twice at once is fine, anyone else's
                // file stays as it is.
                if ((await HolderAsync(blob, ct))?.UploadId != uploadId) return NameTaken(name);
            }

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

    private const string UploadIdKey = "upload";

    /// <summary>The attachment's version and the upload link that stored it; null when there is none.</summary>
    private static async Task<(ETag ETag, string? UploadId)?> HolderAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            var existing = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
            return (existing.ETag, existing.Metadata.TryGetValue(UploadIdKey, out var id) ? id : null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { return null; }
    }

    private static Problem NameTaken(string name) =>
        Problem.Conflict("upload-name-taken", $"稿件已有名为“{name}”的文件，本次上传未保存；请重新申请上传链接。");

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
    /// Where the file of an upload link waits for confirm, in the <c>uploads</c> container: the link's expiry
    /// first, so that the cleanup lists expired files in order and stops at the first one still in its time.
    /// </summary>
    public static string StagingName(DateTimeOffset expires, string reportId, string uploadId) =>
        $"{Stamp(expires)}/{reportId}/{uploadId}";

    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks the file a client put through an upload link as intake checks a file (size within limits, the
    /// name's type and signature, a .docx really holding a <c>word/</c> part) while copying it to the attachment's
    /// name: what is stored is exactly what was checked, and later writes through the link reach only the staging
    /// blob. A file that fails is deleted; the caller deletes a good one's staging blob once the report lists it.
    /// </summary>
    public async Task<Result<Attachment>> ConfirmAsync(
        string reportId, string name, string staging, long maxBytes, string uploadId, CancellationToken ct)
    {
        BlobDownloadStreamingResult download;
        try { download = (await _staging.GetBlobClient(staging).DownloadStreamingAsync(cancellationToken: ct)).Value; }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problem.Conflict("upload-missing", $"尚未收到文件“{name}”，请先通过上传链接上传。");
        }

        var limit = Math.Min(maxBytes, options.Value.MaxFileBytes);
        Result<Attachment> stored;
        using (download)
            stored = download.Details.ContentLength switch
            {
                0 => Problem.Invalid("empty-file", $"文件“{name}”是空的。"),
                var length when length > limit => TooLarge(name, limit),
                _ => await UploadAsync(reportId, name, download.Content, maxBytes, ct, uploadId),
            };
        if (!stored.IsOk) await DeleteStagingAsync(staging);
        return stored;
    }

    public Task DeleteStagingAsync(string staging) =>
        _staging.GetBlobClient(staging).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);

    /// <summary>Deletes the staged files whose link expired before <paramref name="before"/>; how many.</summary>
    public async Task<int> RemoveStagedBeforeAsync(DateTimeOffset before, CancellationToken ct)
    {
        var cutoff = Stamp(before);
        var removed = 0;
        await foreach (var blob in _staging.GetBlobsAsync(cancellationToken: ct))
        {
            if (string.CompareOrdinal(blob.Name, cutoff) >= 0) break; // names are in expiry order
            await _staging.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct);
            removed++;
        }
        return removed;
    }

    public async Task<bool> ExistsAsync(string reportId, string name, CancellationToken ct) =>
        (await _container.GetBlobClient(BlobName(reportId, name)).ExistsAsync(ct)).Value;

    public async Task<Stream> OpenAsync(string reportId, string name, CancellationToken ct) =>
        (await _container.GetBlobClient(BlobName(reportId, name)).DownloadStreamingAsync(cancellationToken: ct))
            .Value.Content;

    public Task<Uri> UploadLinkAsync(string staging, DateTimeOffset expires, CancellationToken ct) =>
        LinkAsync(_staging.GetBlobClient(staging), BlobSasPermissions.Create | BlobSasPermissions.Write, expires,
            null, null, ct);

    /// <summary>
    /// A read link that answers with the type the file was checked as, as a download, whatever headers the blob
    /// holds: a browser never renders a stored file as a page.
    /// </summary>
    public Task<Uri> ReadLinkAsync(
        string reportId, string name, string contentType, DateTimeOffset expires, CancellationToken ct) =>
        LinkAsync(_container.GetBlobClient(BlobName(reportId, name)), BlobSasPermissions.Read, expires,
            contentType, $"attachment; filename*=UTF-8''{Uri.EscapeDataString(name)}", ct);

    /// <summary>
    /// A short-lived SAS for one blob: signed with the account key when the app has one (Azurite,
    /// connection strings), otherwise a user-delegation SAS from the app's managed identity.
    /// </summary>
    private async Task<Uri> LinkAsync(BlobClient blob, BlobSasPermissions permissions, DateTimeOffset expires,
        string? contentType, string? disposition, CancellationToken ct)
    {
        var sas = new BlobSasBuilder(permissions, expires)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = time.GetUtcNow().AddMinutes(-5), // clock skew
            ContentType = contentType,
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
