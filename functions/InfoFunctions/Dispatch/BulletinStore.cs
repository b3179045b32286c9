using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace InfoFunctions.Dispatch;

/// <summary>
/// The 通报 in Blob Storage: <c>&lt;period&gt;/bulletin.json</c>, <c>.docx</c> and <c>.xlsx</c>.
/// The JSON is written last, so its presence means the three files are complete.
/// The 《信息专刊》 live beside them under <c>special-issues/</c>.
/// </summary>
public sealed class BulletinStore(BlobServiceClient blobs)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string JsonType = "application/json; charset=utf-8";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Bulletins);

    public static string FileName(string period, string ext) => $"{period}/bulletin.{ext}";

    public async Task WriteAsync(Bulletin b, byte[] docx, byte[] xlsx, CancellationToken ct)
    {
        await UploadAsync(FileName(b.Period, "docx"), docx, DocxType, ct);
        await UploadAsync(FileName(b.Period, "xlsx"), xlsx, XlsxType, ct);
        await UploadAsync(FileName(b.Period, "json"), Encoding.UTF8.GetBytes(Json.Serialize(b)), JsonType, ct);
    }

    public async Task UploadAsync(string name, byte[] bytes, string contentType, CancellationToken ct) =>
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);

    public async Task<byte[]?> ReadAsync(string name, CancellationToken ct)
    {
        try { return (await _container.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content.ToArray(); }
        catch (RequestFailedException ex) when (ex.Status == 404) { return null; }
    }

    public async Task<bool> ExistsAsync(string period, CancellationToken ct) =>
        (await _container.GetBlobClient(FileName(period, "json")).ExistsAsync(ct)).Value;

    public async Task<IReadOnlyList<string>> PeriodsAsync(CancellationToken ct)
    {
        var list = new List<string>();
        await foreach (var b in _container.GetBlobsAsync(cancellationToken: ct))
            if (b.Name.EndsWith("/bulletin.json", StringComparison.Ordinal)) list.Add(b.Name[..b.Name.IndexOf('/')]);
        return list;
    }
}
