using System.Diagnostics;
using System.Reflection;

namespace InfoFunctions.Infra.Tests;

/// <summary>
/// Runs the Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package (see the csproj):
/// no download and no network; the Azure resource types are embedded in the binary.
/// </summary>
public static class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";

    public static string Path { get; } = Locate();

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {Path}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 3 minutes.");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Locate()
    {
        // 1. The path MSBuild resolved at build time (GeneratePathProperty).
        var fromBuild = typeof(BicepCli)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")
            ?.Value;
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(fromBuild) && !fromBuild.StartsWith("/tools/", StringComparison.Ordinal))
            candidates.Add(fromBuild);

        // 2. The NuGet global packages folder, newest version first.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } np
            ? np
            : System.IO.Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                ".nuget",
                "packages"
            );
        var root = System.IO.Path.Combine(packages, PackageId);
        if (Directory.Exists(root))
            candidates.AddRange(
                Directory
                    .GetDirectories(root)
                    .OrderByDescending(d =>
                        Version.TryParse(System.IO.Path.GetFileName(d), out var v) ? v : new Version(0, 0)
                    )
                    .Select(d => System.IO.Path.Combine(d, "tools", "bicep"))
            );

        var found =
            candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"Bicep CLI not found (looked in: {string.Join(", ", candidates.DefaultIfEmpty(root))}). "
                    + "It is restored by `dotnet restore` from the package Azure.Bicep.CommandLine.linux-x64 "
                    + "referenced by this project."
            );

        // Package extraction does not always keep the execute bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(found);
            const UnixFileMode exec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
                File.SetUnixFileMode(found, mode | exec);
        }
        return found;
    }
}

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => System.IO.Path.Combine(Root, "infra");

    public static string Of(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "InfoFunctions.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("InfoFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
