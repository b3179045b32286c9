using System.Text;

namespace InfoFunctions.Submissions;

/// <summary>
/// Uploaded and mailed file names: Chinese kept; directory parts (either slash, drive letters),
/// control characters and characters Windows or Blob Storage refuse are dropped.
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
        if (cut >= 0) name = name[(cut + 1)..];
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name)
            if (!char.IsControl(ch) && Array.IndexOf(Refused, ch) < 0 && ch is not ('\u200B' or '\u202E' or '\uFEFF')) sb.Append(ch);
        name = sb.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (name.Length == 0 || name.All(c => c == '.')) name = fallback;
        if (name.Length > MaxLength)
        {
            var ext = Path.GetExtension(name);
            name = name[..(MaxLength - ext.Length)] + ext;
        }
        return name;
    }

    public static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    /// <summary>Makes <paramref name="name"/> unique among <paramref name="taken"/> (“报告.docx”, “报告(2).docx”).</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (int i = 2; !taken.Add(candidate); i++)
            candidate = $"{Path.GetFileNameWithoutExtension(name)}({i}){Path.GetExtension(name)}";
        return candidate;
    }
}
