namespace InfoFunctions.Operations;

/// <summary>
/// <c>nights/&lt;night&gt;/manifest.json</c>, written last: a night without it is incomplete. Each file's
/// SHA-256 is over its stored (gzip) bytes and is checked before anything is restored.
/// </summary>
public sealed record BackupManifest(
    int Format, string Night, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    IReadOnlyList<BackupManifest.TableFile> Tables, BackupManifest.BlobList Blobs)
{
    public const int CurrentFormat = 1;

    /// <summary>One table as gzip JSON lines (<see cref="EntityCodec"/>).</summary>
    public sealed record TableFile(string Name, long Entities, long Bytes, string Sha256, string Path);

    /// <summary>
    /// The blobs of the night (<see cref="BlobEntry"/> lines, gzip); their bytes live under <c>content/</c>.
    /// </summary>
    public sealed record BlobList(
        long Count, long ContentBytes, long NewContent, long Bytes, string Sha256, string Path);

    public long Entities => Tables.Sum(t => t.Entities);
}
