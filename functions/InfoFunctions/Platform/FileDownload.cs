namespace InfoFunctions.Platform;

/// <summary>
/// A file a service hands back for download (a Word 通报, a payout sheet, an .eml). <see cref="FileName"/>
/// may be Chinese: <see cref="Api.File(FileDownload)"/> sends it as <c>filename*</c> beside the ASCII
/// <see cref="AsciiName"/>. Without a name the bytes are the response itself (no Content-Disposition).
/// </summary>
public sealed record FileDownload(byte[] Content, string ContentType, string? FileName = null, string? AsciiName = null)
{
    /// <summary>Shown in the browser (<c>inline</c>) rather than saved (<c>attachment</c>).</summary>
    public bool Inline { get; init; }
}
