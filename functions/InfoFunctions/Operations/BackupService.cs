using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace InfoFunctions.Operations;

/// <summary>
/// The nightly backup. Table Storage has no point-in-time restore, so every table of
/// <see cref="StorageNames.Tables"/> is exported with its EDM types; every app container's blobs are
/// listed with their hashes and their bytes copied once per distinct content (a blob unchanged since the
/// previous night, by ETag, is neither read nor copied again). Content no remaining night refers to is
/// deleted; infra's lifecycle rule deletes nights older than the retention.
/// </summary>
public sealed class BackupService(
    TableServiceClient tables, BlobServiceClient blobs, TimeProvider time, ILogger<BackupService> log)
{
    private readonly BackupArchive _archive = new(blobs.GetBlobContainerClient(StorageNames.Containers.Backups));

    /// <summary>
    /// Every app container except the backups themselves and the upload staging area (files no report refers to
    /// yet, removed once their link expires).
    /// </summary>
    public static IReadOnlyList<string> Containers { get; } = StorageNames.All(typeof(StorageNames.Containers))
        .Where(c => c is not (StorageNames.Containers.Backups or StorageNames.Containers.Uploads)).ToList();

    public static IReadOnlyList<string> Tables { get; } = StorageNames.All(typeof(StorageNames.Tables)).ToList();

    public BackupArchive Archive => _archive;

    /// <summary>Backs up tonight (the Beijing date); a second run the same day replaces that night.</summary>
    public async Task<BackupManifest> RunAsync(CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var night = BusinessTime.DayOf(started).ToString("yyyy-MM-dd");
        await _archive.Container.CreateIfNotExistsAsync(cancellationToken: ct);

        var files = new List<BackupManifest.TableFile>();
        foreach (var table in Tables)
            files.Add(await ExportTableAsync(night, table, ct));
        var blobList = await ExportBlobsAsync(night, ct);

        var manifest = new BackupManifest(
            BackupManifest.CurrentFormat, night, started, time.GetUtcNow(), files, blobList);
        await _archive.WriteManifestAsync(manifest, ct);
        var removed = await CollectContentAsync(ct);
        OpsLog.Write(log, "backup-completed", ("night", night), ("tables", files.Count),
            ("entities", manifest.Entities), ("blobs", blobList.Count), ("newContent", blobList.NewContent),
            ("removedContent", removed));
        return manifest;
    }

    private async Task<BackupManifest.TableFile> ExportTableAsync(string night, string table, CancellationToken ct)
    {
        var rows = tables.GetTableClient(table).QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: ct);
        var path = $"{BackupArchive.NightPath(night)}tables/{table}.jsonl.gz";
        var (count, bytes, sha) = await _archive.WriteLinesAsync(path, async sink =>
        {
            try
            {
                await foreach (var e in rows)
                    await sink.WriteAsync(w => EntityCodec.Write(w, e), ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 404) { } // never created: an empty table
        }, ct);
        return new BackupManifest.TableFile(table, count, bytes, sha, path);
    }

    private async Task<BackupManifest.BlobList> ExportBlobsAsync(string night, CancellationToken ct)
    {
        var previous = await PreviousBlobsAsync(night, ct);
        var entries = new List<BlobEntry>();
        long copied = 0;
        foreach (var name in Containers)
        {
            var container = blobs.GetBlobContainerClient(name);
            if (!(await container.ExistsAsync(ct)).Value) continue;
            var items = container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, ct);
            await foreach (var item in items)
            {
                var etag = item.Properties.ETag?.ToString() ?? "";
                if (previous.TryGetValue($"{name}/{item.Name}", out var same) && same.SourceETag == etag
                    && await ContentExistsAsync(same.Sha256, ct))
                {
                    entries.Add(same with { ContentType = item.Properties.ContentType, Metadata = Meta(item) });
                    continue;
                }
                var bytes = (await container.GetBlobClient(item.Name).DownloadContentAsync(ct)).Value.Content.ToArray();
                var sha = BackupArchive.Sha256(bytes);
                if (!await ContentExistsAsync(sha, ct))
                {
                    await _archive.Container.GetBlobClient(BackupArchive.ContentPath(sha))
                        .UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, ct);
                    copied++;
                }
                var type = item.Properties.ContentType;
                entries.Add(new BlobEntry(name, item.Name, bytes.Length, sha, type, Meta(item), etag));
            }
        }

        var path = BackupArchive.NightPath(night) + "blobs.jsonl.gz";
        var (count, stored, hash) = await _archive.WriteLinesAsync(path, async sink =>
        {
            foreach (var e in entries)
                await sink.WriteAsync(w => JsonSerializer.Serialize(w, e, Json.Options), ct);
        }, ct);
        return new BackupManifest.BlobList(count, entries.Sum(e => e.Length), copied, stored, hash, path);
    }

    private static IReadOnlyDictionary<string, string>? Meta(BlobItem item) =>
        item.Metadata is { Count: > 0 } m ? new Dictionary<string, string>(m) : null;

    /// <summary>The latest earlier night's blob list, so unchanged blobs are not read again.</summary>
    private async Task<IReadOnlyDictionary<string, BlobEntry>> PreviousBlobsAsync(string night, CancellationToken ct)
    {
        var earlier = (await _archive.NightsAsync(ct)).Where(n => string.CompareOrdinal(n, night) < 0).LastOrDefault();
        if (earlier is null || await _archive.ManifestAsync(earlier, ct) is not { } manifest)
            return new Dictionary<string, BlobEntry>();
        try
        {
            return (await ReadBlobEntriesAsync(_archive, manifest, ct)).ToDictionary(e => e.Key);
        }
        catch (BackupCorruptException ex)
        {
            log.LogWarning("上一晚备份的文件清单不可用，全部重新读取：{Error}", ex.Message);
            return new Dictionary<string, BlobEntry>();
        }
    }

    public static async Task<IReadOnlyList<BlobEntry>> ReadBlobEntriesAsync(
        BackupArchive archive, BackupManifest manifest, CancellationToken ct) =>
        (await archive.ReadVerifiedLinesAsync(manifest.Blobs.Path, manifest.Blobs.Sha256, ct))
            .Select(line => Json.Deserialize<BlobEntry>(line)!).ToList();

    private async Task<bool> ContentExistsAsync(string sha, CancellationToken ct) =>
        (await _archive.Container.GetBlobClient(BackupArchive.ContentPath(sha)).ExistsAsync(ct)).Value;

    /// <summary>Deletes content that no night still kept (lifecycle deletes old nights) refers to.</summary>
    private async Task<int> CollectContentAsync(CancellationToken ct)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var night in await _archive.NightsAsync(ct))
        {
            if (await _archive.ManifestAsync(night, ct) is not { } m) continue;
            try { referenced.UnionWith((await ReadBlobEntriesAsync(_archive, m, ct)).Select(e => e.Sha256)); }
            catch (BackupCorruptException) { return 0; } // unsure what is referenced: keep everything
        }
        var removed = 0;
        var stored = _archive.Container.GetBlobsAsync(new GetBlobsOptions { Prefix = BackupArchive.ContentPrefix }, ct);
        await foreach (var b in stored)
        {
            if (referenced.Contains(b.Name[BackupArchive.ContentPrefix.Length..])) continue;
            await _archive.Container.DeleteBlobIfExistsAsync(b.Name, cancellationToken: ct);
            removed++;
        }
        return removed;
    }
}
