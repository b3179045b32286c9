namespace InfoFunctions.Platform;

public static class ByteSize
{
    /// <summary>A size as people read it: 512 KB, 20 MB, 1.5 MB.</summary>
    public static string Text(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
