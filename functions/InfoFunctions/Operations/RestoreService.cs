using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace InfoFunctions.Operations;

/// <summary>
/// Restores one night into this app's storage: every table (and blob) into an empty account, or named
/// tables. Every file's SHA-256 is checked against the manifest, and every target checked empty, before
/// anything is written; each blob's bytes are checked again as they are copied.
/// </summary>
public sealed partial class RestoreService(
    TableServiceClient tables, BlobServiceClient blobs, ILogger<RestoreService> log)
{
    // A transaction may carry 100 entities and 4 MiB; the JSON lines are a fair measure of the payload.
    private const int MaxBatchEntities = 100;
    private const int MaxBatchChars = 3_000_000;

    /// <summary>
    /// The report, or a problem and nothing written: <c>backup-not-found</c>, <c>invalid-tables</c>,
    /// <c>target-not-empty</c> or <c>backup-corrupt</c>.
    /// </summary>
    public async Task<Result<RestoreReport>> RestoreAsync(
        BackupArchive source, string night, RestoreRequest request, CancellationToken ct)
    {
        try { return await RunAsync(source, night, request, ct); }
        catch (RestoreRefusedException ex) { return ex.Problem; }
        catch (BackupCorruptException ex) { return Problem.Conflict("backup-corrupt", ex.Message); }
    }

    private async Task<RestoreReport> RunAsync(
        BackupArchive source, string night, RestoreRequest request, CancellationToken ct)
    {
        var manifest = await source.ManifestAsync(night, ct) ?? throw new RestoreRefusedException(
            new Problem(ProblemKind.NotFound, "backup-not-found", $"没有 {night} 的完整备份（缺少清单）。"));
        var targets = Targets(manifest, request.Tables);
        var withBlobs = request.Blobs ?? request.Tables is null;

        // 1. Verify everything that will be read.
        var lines = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (file, _) in targets)
        {
            var read = await source.ReadVerifiedLinesAsync(file.Path, file.Sha256, ct);
            if (read.Count != file.Entities)
                throw new BackupCorruptException($"备份文件 {file.Path} 有 {read.Count} 行，清单记为 {file.Entities}。");
            lines[file.Name] = read;
        }
        var entries = withBlobs ? await BackupService.ReadBlobEntriesAsync(source, manifest, ct) : [];
        await RequireContentAsync(source, entries, ct);

        // 2. Refuse to mix a backup into live data unless told to.
        if (!request.Overwrite)
        {
            var occupied = new List<string>();
            foreach (var (_, target) in targets)
                if (await HasEntitiesAsync(target, ct)) occupied.Add(target);
            foreach (var container in entries.Select(e => e.Container).Distinct())
                if (await HasBlobsAsync(container, ct)) occupied.Add(container);
            if (occupied.Count > 0)
                throw new RestoreRefusedException(Problem.Conflict("target-not-empty",
                    $"目标不是空的：{string.Join("、", occupied)}。请恢复到空账户或新表名，或明确要求覆盖（overwrite）。"));
        }

        // 3. Write.
        var restored = new List<RestoreReport.Table>();
        foreach (var (file, target) in targets)
            restored.Add(new(file.Name, target, await WriteTableAsync(target, lines[file.Name], ct)));
        long bytes = 0;
        foreach (var entry in entries)
            bytes += await WriteBlobAsync(source, entry, ct);

        OpsLog.Write(log, "restore-completed", ("night", night), ("tables", restored.Count),
            ("entities", restored.Sum(t => t.Entities)), ("blobs", entries.Count));
        return new RestoreReport(night, restored, entries.Count, bytes);
    }

    private static List<(BackupManifest.TableFile File, string Target)> Targets(
        BackupManifest manifest, IReadOnlyList<string>? wanted)
    {
        if (wanted is null) return manifest.Tables.Select(t => (t, t.Name)).ToList();
        var result = new List<(BackupManifest.TableFile, string)>();
        var errors = new List<FieldError>();
        foreach (var item in wanted)
        {
            var parts = (item ?? "").Split(':', 2, StringSplitOptions.TrimEntries);
            var file = manifest.Tables.FirstOrDefault(t => t.Name == parts[0]);
            var target = parts.Length == 2 ? parts[1] : parts[0];
            if (file is null) errors.Add(new("tables", $"备份中没有表 {parts[0]}"));
            else if (!TableName().IsMatch(target)) errors.Add(new("tables", $"表名 {target} 不合规（3–63 位字母或数字，字母开头）"));
            else result.Add((file, target));
        }
        if (result.Count == 0 && errors.Count == 0) errors.Add(new("tables", "请至少指定一个表"));
        var twice = result.GroupBy(r => r.Item2, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            errors.Add(new("tables", $"两个表不能恢复到同一个表 {twice.Key}"));
        if (errors.Count > 0)
            throw new RestoreRefusedException(Problem.Invalid(
                "invalid-tables", string.Join("；", errors.Select(e => e.Message)) + "。", errors));
        return result;
    }

    private static async Task RequireContentAsync(
        BackupArchive source, IReadOnlyList<BlobEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        var contents = source.Container.GetBlobsAsync(new GetBlobsOptions { Prefix = BackupArchive.ContentPrefix }, ct);
        await foreach (var b in contents)
            stored[b.Name[BackupArchive.ContentPrefix.Length..]] = b.Properties.ContentLength ?? -1;
        var missing = entries.Where(e => stored.GetValueOrDefault(e.Sha256, -1) != e.Length)
            .Select(e => e.Key).ToList();
        if (missing.Count > 0)
            throw new BackupCorruptException(
                $"备份中缺少或长度不符的文件内容：{string.Join("、", missing.Take(10))}{(missing.Count > 10 ? " 等" : "")}。");
    }

    private async Task<bool> HasEntitiesAsync(string table, CancellationToken ct)
    {
        try
        {
            var pages = tables.GetTableClient(table)
                .QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1, cancellationToken: ct).AsPages();
            await foreach (var page in pages)
                return page.Values.Count > 0;
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
        return false;
    }

    private async Task<bool> HasBlobsAsync(string container, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in blobs.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: ct))
                return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
        return false;
    }

    private async Task<long> WriteTableAsync(string target, IReadOnlyList<string> lines, CancellationToken ct)
    {
        var table = tables.GetTableClient(target);
        await table.CreateIfNotExistsAsync(ct);
        var partitions = lines.Select(l => (Line: l, Entity: EntityCodec.Read(l))).GroupBy(x => x.Entity.PartitionKey);
        foreach (var partition in partitions)
        {
            var batch = new List<TableTransactionAction>();
            var chars = 0;
            foreach (var (line, entity) in partition)
            {
                if (batch.Count == MaxBatchEntities || (batch.Count > 0 && chars + line.Length > MaxBatchChars))
                {
                    await table.SubmitTransactionAsync(batch, ct);
                    (batch, chars) = ([], 0);
                }
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                chars += line.Length;
            }
            if (batch.Count > 0) await table.SubmitTransactionAsync(batch, ct);
        }
        return lines.Count;
    }

    private async Task<long> WriteBlobAsync(BackupArchive source, BlobEntry entry, CancellationToken ct)
    {
        var bytes = await source.ReadVerifiedAsync(BackupArchive.ContentPath(entry.Sha256), entry.Sha256, ct);
        var container = blobs.GetBlobContainerClient(entry.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        await container.GetBlobClient(entry.Name).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = entry.ContentType },
            Metadata = entry.Metadata is null ? null : new Dictionary<string, string>(entry.Metadata),
        }, ct);
        return bytes.Length;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
