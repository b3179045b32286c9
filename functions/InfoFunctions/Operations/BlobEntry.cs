namespace InfoFunctions.Operations;

/// <summary>
/// One blob as it was that night: where it lives, what it holds (SHA-256 of its bytes, which also names
/// its copy under <c>content/</c>), and the source ETag that lets the next night skip it unchanged.
/// </summary>
public sealed record BlobEntry(
    string Container, string Name, long Length, string Sha256, string? ContentType,
    IReadOnlyDictionary<string, string>? Metadata, string SourceETag)
{
    public string Key => $"{Container}/{Name}";
}
