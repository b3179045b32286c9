using Azure.Identity;
using Azure.Storage.Blobs;
using InfoFunctions.Hosting;
using InfoFunctions.Operations;
using InfoFunctions.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.LocalHost;

/// <summary>
/// Admin verbs on the same settings and services as the app (no logic of their own):
/// <code>
/// dotnet run --project functions/InfoFunctions.LocalHost -- backup
/// dotnet run --project functions/InfoFunctions.LocalHost -- restore 2026-11-30
///     [--from &lt;connection string | backups container URL&gt;]
///     [--tables reports,people:peoplerestored] [--blobs true|false] [--overwrite]
/// </code>
/// The target is the app's storage (<c>AzureWebJobsStorage*</c>, e.g. a new empty account); <c>--from</c>
/// reads the backups of another account (a URL is read with the signed-in Azure identity).
/// </summary>
public static class Commands
{
    public static bool IsCommand(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static async Task<int> RunAsync(string[] args, LocalHostOptions options, TextWriter output)
    {
        var (_, values) = Settings.LoadValues(options.SettingsDirectory);
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(Settings.AsConfiguration(values))
            .AddEnvironmentVariables()
            .AddInMemoryCollection(Settings.AsConfiguration(options.Overrides))
            .Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddInfoFunctions(config);
        await using var provider = services.BuildServiceProvider();
        var backups = provider.GetRequiredService<BackupService>();
        if (args[0] == "backup")
        {
            await output.WriteLineAsync(Json.Serialize(await backups.RunAsync(CancellationToken.None)));
            return 0;
        }
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync(
                "用法：restore <yyyy-MM-dd> [--from …] [--tables a,b:c] [--blobs true|false] [--overwrite]");
            return 2;
        }
        var result = await RestoreAsync(provider, backups, args[1..]);
        await output.WriteLineAsync(result.IsOk
            ? Json.Serialize(result.Value)
            : $"失败（{result.Problem!.Code}）：{result.Problem.Detail}");
        return result.IsOk ? 0 : 2;
    }

    private static Task<Result<RestoreReport>> RestoreAsync(
        IServiceProvider provider, BackupService backups, string[] args)
    {
        string? Option(string name) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var from = Option("--from");
        var source = from is null ? backups.Archive
            : new BackupArchive(from.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? new BlobContainerClient(new Uri(from), new DefaultAzureCredential())
                : new BlobContainerClient(from, StorageNames.Containers.Backups));
        var request = new RestoreRequest(
            Option("--tables")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Option("--blobs") is { } b ? string.Equals(b, "true", StringComparison.OrdinalIgnoreCase) : null,
            args.Contains("--overwrite"));
        return provider.GetRequiredService<RestoreService>()
            .RestoreAsync(source, args[0], request, CancellationToken.None);
    }
}
