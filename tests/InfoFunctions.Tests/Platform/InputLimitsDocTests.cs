using System.Text.Json;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using Xunit;

namespace InfoFunctions.Tests.Platform;

/// <summary>The table of text limits users read is the one the code enforces.</summary>
public sealed class InputLimitsDocTests
{
    [Fact]
    public void The_platform_readme_lists_every_declared_text_limit()
    {
        var declared = typeof(InputRules).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p, Limit: InputRules.LimitOf(p))))
            .Where(x => x.Limit is not null)
            .OrderBy(x => x.Type.Name, StringComparer.Ordinal)
            .Select(x => $"| `{x.Type.Name}` | `{JsonNamingPolicy.CamelCase.ConvertName(x.Property.Name)}` | " +
                $"{x.Limit!.Max:N0} | {(x.Limit.Multiline ? "yes" : "no")} |")
            .ToList();
        var root = Path.GetDirectoryName(Settings.FindUpwards(AppContext.BaseDirectory, "InfoFunctions.sln"))!;
        var readme = File.ReadAllLines(Path.Combine(root, "functions", "InfoFunctions", "Platform", "README.md"));
        var documented = readme.SkipWhile(l => !l.StartsWith("| request |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.True(declared.SequenceEqual(documented),
            "Platform/README.md's table of text limits should read:\n" + string.Join("\n", declared));
    }
}
