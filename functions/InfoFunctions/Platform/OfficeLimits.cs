namespace InfoFunctions.Platform;

/// <summary>
/// How far an Office file is read: parts in the zip, bytes inflated (all parts, and one part), characters of text
/// extracted. The defaults hold a long report with photos and a directory list of thousands of people, and keep
/// reading one file within a few MB of memory.
/// </summary>
public sealed record OfficeLimits(
    int MaxParts = 1000, long MaxTotalBytes = 100L * 1024 * 1024, long MaxPartBytes = 32L * 1024 * 1024,
    int MaxChars = 200_000)
{
    /// <summary>A report as a Word file: the text is the body (at most a few thousand 字).</summary>
    public static OfficeLimits Report { get; } = new();

    /// <summary>A directory list: every cell of the first sheet.</summary>
    public static OfficeLimits Sheet { get; } = new(MaxChars: 1_000_000);
}
