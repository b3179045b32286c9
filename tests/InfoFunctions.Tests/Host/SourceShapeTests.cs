using InfoFunctions.LocalHost;
using Xunit;

namespace InfoFunctions.Tests.Host;

/// <summary>README rules that no formatter enforces: line length and thin function classes.</summary>
public sealed class SourceShapeTests
{
    private const int MaxLine = 120;
    private const int MaxFunctionClass = 150;

    private static readonly string Root =
        Path.GetDirectoryName(Settings.FindUpwards(AppContext.BaseDirectory, "InfoFunctions.sln"))!;

    private static IEnumerable<string> Sources(string folder) =>
        Directory
            .EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "node_modules"));

    [Fact]
    public void Lines_are_at_most_120_characters()
    {
        var longLines = Sources("functions")
            .Concat(Sources("tests"))
            .SelectMany(f =>
                File.ReadAllLines(f)
                    .Select((line, i) => (line, at: $"{Path.GetRelativePath(Root, f)}:{i + 1} ({line.Length})"))
            )
            .Where(x => x.line.Length > MaxLine)
            .Select(x => x.at)
            .ToList();
        Assert.True(longLines.Count == 0, "Lines over 120 characters:\n" + string.Join("\n", longLines));
    }

    [Fact]
    public void Function_classes_stay_thin()
    {
        var files = Sources(Path.Combine("functions", "InfoFunctions"))
            .Where(f => File.ReadAllText(f).Contains("[Function(", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 20, $"only {files.Count} files declare functions");
        var fat = files
            .Select(f => (file: Path.GetRelativePath(Root, f), lines: File.ReadAllLines(f).Length))
            .Where(x => x.lines > MaxFunctionClass)
            .Select(x => $"{x.file}: {x.lines} lines")
            .ToList();
        Assert.True(fat.Count == 0, "Function classes over 150 lines:\n" + string.Join("\n", fat));
    }
}
