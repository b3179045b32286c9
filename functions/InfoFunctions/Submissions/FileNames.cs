namespace InfoFunctions.Submissions;

/// <summary>
/// Uploaded and mailed file names: Chinese kept; directory parts (either slash, drive letters), control
/// characters, unpaired surrogates, bidi controls and characters Windows or Blob Storage refuse are dropped.
/// </summary>
public static class FileNames
{
    private const int MaxLength = 120;
    private static readonly char[] Refused = ['<', '>', ':', '"', '|', '?', '*', '#', '%', '~'];

    public static string Clean(string? raw, string fallback = "附件")
    {
        var name = raw ?? "";
        // Keep only the last path segment whatever the client's separator was.
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
            name = name[(cut + 1)..];
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (char.IsHighSurrogate(ch) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                sb.Append(ch).Append(name[++i]);
            else if (!char.IsControl(ch) && !char.IsSurrogate(ch) && !IsInvisible(ch) && Array.IndexOf(Refused, ch) < 0)
                sb.Append(ch);
        }
        name = sb.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (name.Length == 0 || name.All(c => c == '.'))
            name = fallback;
        if (name.Length > MaxLength)
        {
            var ext = Path.GetExtension(name) is { Length: <= 16 } e ? e : ""; // a long "extension" is just text
            var stem = name[..(MaxLength - ext.Length)];
            name = (char.IsHighSurrogate(stem[^1]) ? stem[..^1] : stem) + ext; // never half a character
        }
        return name;
    }

    /// <summary>
    /// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: “报告\u202Efdp.exe” shows as
    /// 报告exe.pdf), zero-width space and BOM: nothing a reader should see in a name.
    /// </summary>
    public static bool IsInvisible(char ch) =>
        ch is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200B' or '\uFEFF';

    public static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    /// <summary>
    /// Makes <paramref name="name"/> unique among <paramref name="taken"/> (“报告.docx”, “报告(2).docx”).
    /// </summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (int i = 2; !taken.Add(candidate); i++)
            candidate = $"{Path.GetFileNameWithoutExtension(name)}({i}){Path.GetExtension(name)}";
        return candidate;
    }
}
