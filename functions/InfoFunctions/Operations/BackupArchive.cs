using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace InfoFunctions.Operations;

/// <summary>
/// The <c>backups</c> container, read and written: <c>nights/&lt;night&gt;/manifest.json</c>,
/// <c>nights/&lt;night&gt;/tables/&lt;table&gt;.jsonl.gz</c>, <c>nights/&lt;night&gt;/blobs.jsonl.gz</c>, and
/// blob bytes stored once per content under <c>content/&lt;sha256&gt;</c>. The restore may read it from
/// another account (a lost account's backups restored into a new one).
/// </summary>
public sealed class BackupArchive(BlobContainerClient container)
{
    public const string NightsPrefix = "nights/";
    public const string ContentPrefix = "content/";

    public BlobContainerClient Container { get; } = container;

    public static string NightPath(string night) => $"{NightsPrefix}{night}/";
    public static string ContentPath(string sha256) => ContentPrefix + sha256;

    /// <summary>Nights with a manifest (complete), oldest first.</summary>
    public async Task<IReadOnlyList<string>> NightsAsync(CancellationToken ct)
    {
        var nights = new List<string>();
        try
        {
            await foreach (var b in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = NightsPrefix }, ct))
                if (b.Name.EndsWith("/manifest.json", StringComparison.Ordinal))
                    nights.Add(b.Name[NightsPrefix.Length..^"/manifest.json".Length]);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { return []; }
        return nights.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<BackupManifest?> ManifestAsync(string night, CancellationToken ct)
    {
        try
        {
            var blob = Container.GetBlobClient(NightPath(night) + "manifest.json");
            var content = (await blob.DownloadContentAsync(ct)).Value.Content;
            return Json.Deserialize<BackupManifest>(content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { return null; }
    }

    public Task WriteManifestAsync(BackupManifest manifest, CancellationToken ct) =>
        Container.GetBlobClient(NightPath(manifest.Night) + "manifest.json").UploadAsync(
            BinaryData.FromString(Json.Serialize(manifest)),
            Upload("application/json; charset=utf-8"), ct);

    /// <summary>Writes JSON lines gzip-compressed: (lines, stored bytes, SHA-256 of the stored bytes).</summary>
    public async Task<(long Lines, long Bytes, string Sha256)> WriteLinesAsync(
        string path, Func<LineSink, Task> write, CancellationToken ct)
    {
        // City-scale tables compress to a few MB: building the file in memory keeps hashing simple.
        using var buffer = new MemoryStream();
        long lines;
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var sink = new LineSink(gzip);
            await write(sink);
            lines = sink.Lines;
        }
        var bytes = buffer.ToArray();
        await Container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(bytes),
            Upload("application/gzip"), ct);
        return (lines, bytes.Length, Sha256(bytes));
    }

    /// <summary>Writes one JSON value per line.</summary>
    public sealed class LineSink(Stream stream)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private Utf8JsonWriter? _writer;

        public long Lines { get; private set; }

        public async Task WriteAsync(Action<Utf8JsonWriter> write, CancellationToken ct)
        {
            _buffer.ResetWrittenCount();
            if (_writer is null) _writer = new Utf8JsonWriter(_buffer);
            else _writer.Reset(_buffer);
            write(_writer);
            _writer.Flush();
            await stream.WriteAsync(_buffer.WrittenMemory, ct);
            stream.WriteByte((byte)'\n');
            Lines++;
        }
    }

    /// <summary>The lines of a gzip file, after its SHA-256 is checked against the manifest's.</summary>
    public async Task<IReadOnlyList<string>> ReadVerifiedLinesAsync(string path, string sha256, CancellationToken ct)
    {
        var bytes = await ReadVerifiedAsync(path, sha256, ct);
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.Length > 0) lines.Add(line);
        return lines;
    }

    /// <summary>A stored file's bytes, or <see cref="BackupCorruptException"/> when missing or altered.</summary>
    public async Task<byte[]> ReadVerifiedAsync(string path, string sha256, CancellationToken ct)
    {
        byte[] bytes;
        try { bytes = (await Container.GetBlobClient(path).DownloadContentAsync(ct)).Value.Content.ToArray(); }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new BackupCorruptException($"备份文件 {path} 不存在。");
        }
        if (!string.Equals(Sha256(bytes), sha256, StringComparison.OrdinalIgnoreCase))
            throw new BackupCorruptException($"备份文件 {path} 的 SHA-256 与清单不符，备份已损坏或被改动。");
        return bytes;
    }

    private static BlobUploadOptions Upload(string contentType) =>
        new() { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
