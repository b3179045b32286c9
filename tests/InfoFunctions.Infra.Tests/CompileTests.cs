using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InfoFunctions.Infra.Tests;

/// <summary>infra/ compiles offline, lints clean (warnings count as errors), and azd can drive it.</summary>
[Collection("infra")]
public sealed class CompileTests(InfraFixture infra)
{
    [Fact]
    public void Main_bicep_builds_without_diagnostics()
    {
        Assert.True(infra.Build.ExitCode == 0, $"bicep build failed:\n{infra.Build.StdErr}");
        Assert.True(
            string.IsNullOrWhiteSpace(infra.Build.StdErr),
            $"bicep build reported diagnostics (warnings are errors):\n{infra.Build.StdErr}"
        );
        Assert.NotEmpty(infra.Resources);
    }

    [Fact]
    public void Linter_reports_nothing()
    {
        var output = (infra.Lint.StdOut + infra.Lint.StdErr).Trim();
        Assert.True(
            infra.Lint.ExitCode == 0 && output.Length == 0,
            $"bicep lint (infra/bicepconfig.json, warnings are errors) exit {infra.Lint.ExitCode}:\n{output}"
        );
    }

    [Fact]
    public void Modules_are_local_only()
    {
        // Registry and template-spec modules need the network at build time; ours must not.
        var remote = Directory
            .EnumerateFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => Regex.IsMatch(x.line, @"^\s*module\s+\w+\s+'(br|ts)[:/]"))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(remote.Count == 0, "Registry modules cannot be restored offline:\n" + string.Join("\n", remote));
    }

    [Fact]
    public void Azure_yaml_deploys_the_function_project()
    {
        var yaml = File.ReadAllText(RepoPaths.Of("azure.yaml"));
        Assert.Matches(@"(?m)^services:\s*\n\s+api:", yaml);
        Assert.Matches(@"(?m)^\s+project:\s*\./functions/InfoFunctions\s*$", yaml);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", yaml);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", yaml);
        Assert.True(Directory.Exists(RepoPaths.Of("functions", "InfoFunctions")));
    }

    [Fact]
    public void Azd_parameters_file_supplies_every_required_parameter_from_the_environment()
    {
        var required = (infra.Template["parameters"] as JsonObject ?? [])
            .Where(p => p.Value is JsonObject o && o["defaultValue"] is null)
            .Select(p => p.Key)
            .ToList();
        Assert.Contains("bootstrapAdminToken", required);

        using var file = InfraFixture.ReadJson("infra", "main.parameters.json");
        var given = file.RootElement.GetProperty("parameters");
        // Secrets, required or not, come from the azd environment too.
        var secure = (infra.Template["parameters"] as JsonObject ?? [])
            .Where(p => ArmTemplate.Text(p.Value?["type"]) == "securestring")
            .Select(p => p.Key);
        foreach (var name in required.Union(secure))
        {
            Assert.True(
                given.TryGetProperty(name, out var p),
                $"infra/main.parameters.json does not supply required parameter '{name}'."
            );
            // Values come from the azd environment (${VAR}); no secret is ever committed.
            Assert.Matches(@"^\$\{[A-Z_]+(=[^}]*)?\}$", p.GetProperty("value").GetString());
        }
    }
}
