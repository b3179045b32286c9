using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace InfoFunctions.LocalHost;

/// <summary>Settings as <c>func start</c> gives them: local.settings.json Values, then environment variables.</summary>
public static partial class Settings
{
    public const string File = "local.settings.json";
    public const string SampleFile = "local.settings.sample.json";

    /// <summary>
    /// Values of the nearest local.settings.json (this folder, then its parents), else of the
    /// nearest local.settings.sample.json. Keys keep their Functions form (<c>A__B</c>).
    /// </summary>
    public static (string? Path, IReadOnlyDictionary<string, string?> Values) LoadValues(string startDirectory)
    {
        var path =
            FindUpwards(startDirectory, File)
            ?? FindUpwards(startDirectory, SampleFile)
            ?? FindUpwards(AppContext.BaseDirectory, SampleFile);
        if (path is null)
            return (null, new Dictionary<string, string?>());
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (doc.RootElement.TryGetProperty("Values", out var v))
            foreach (var p in v.EnumerateObject())
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
        return (path, values);
    }

    /// <summary>Configuration keys use ':' where Functions settings use '__'.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(
        IEnumerable<KeyValuePair<string, string?>> values
    ) => values.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":"), kv.Value));

    /// <summary>Resolves <c>%Name%</c> references as the host does for trigger attributes.</summary>
    public static string Resolve(string text, IConfiguration config) =>
        Placeholder()
            .Replace(
                text,
                m =>
                    config[m.Groups[1].Value.Replace("__", ":")]
                    ?? throw new InvalidOperationException(
                        $"缺少设置 {m.Groups[1].Value}（触发器引用了 %{m.Groups[1].Value}%）。"
                    )
            );

    public static string? FindUpwards(string directory, string fileName)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fileName);
            if (System.IO.File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}
