using System.Reflection;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.Hosting;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InfoFunctions.LocalHost;

public sealed class LocalHostOptions
{
    /// <summary>Where to look for local.settings.json (and its parents).</summary>
    public string SettingsDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Settings that win over everything (tests).</summary>
    public IDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>More function classes to host besides the app's (tests of host semantics).</summary>
    public Assembly[] ExtraFunctionAssemblies { get; init; } = [];

    /// <summary>Changes to the app's services after the composition root (tests: a clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    public string Urls { get; init; } = "http://localhost:7071";

    /// <summary>No banner, and the console shows only warnings and errors (tests, benchmarks).</summary>
    public bool Quiet { get; init; }
}

/// <summary>
/// Runs the app's function classes without Core Tools: the same composition root, the host's
/// trigger delivery. No business logic lives here.
/// </summary>
public static class LocalHostApp
{
    public static readonly Assembly AppAssembly = typeof(CompositionRoot).Assembly;

    public static async Task<WebApplication> BuildAsync(string[] args, LocalHostOptions options)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }
        );
        var (settingsPath, values) = Settings.LoadValues(options.SettingsDirectory);
        builder.Configuration.Sources.Clear();
        builder
            .Configuration.AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    // Quiet (tests, benchmarks): warnings and errors only, unless a setting asks for more.
                    ["Logging:LogLevel:Default"] = options.Quiet ? "Warning" : "Information",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                    ["Logging:LogLevel:Microsoft.Hosting"] = "Warning",
                    ["Logging:LogLevel:Azure"] = "Warning",
                    // CreateIfNotExists answers 409 when a resource is there; that is not worth a warning.
                    ["Logging:LogLevel:Azure.Core"] = "Error",
                }
            )
            .AddInMemoryCollection(Settings.AsConfiguration(values))
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .AddInMemoryCollection(Settings.AsConfiguration(options.Overrides));
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? options.Urls);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var azurite = await EnsureAzuriteAsync(builder.Configuration);

        builder.Services.AddInfoFunctions(builder.Configuration);
        options.ConfigureServices?.Invoke(builder.Services);

        var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var functions = FunctionCatalog.Discover([AppAssembly, .. options.ExtraFunctionAssemblies]);
        var enabled = functions.Where(fn => !IsDisabled(builder.Configuration, fn)).ToList();
        builder.Services.AddSingleton<RawQueues>();
        foreach (var fn in enabled)
        {
            if (fn.Trigger == TriggerKind.Queue)
                builder.Services.AddSingleton<IHostedService>(sp =>
                    ActivatorUtilities.CreateInstance<QueueListener>(sp, fn, hostJson.Queues)
                );
            else if (fn.Trigger == TriggerKind.Timer)
                builder.Services.AddSingleton<IHostedService>(sp =>
                    ActivatorUtilities.CreateInstance<TimerRunner>(sp, fn)
                );
        }

        var app = builder.Build();
        var functionKey = app.Configuration["LocalHost:FunctionKey"] is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException("缺少设置 LocalHost__FunctionKey（本地用于校验函数密钥）。");
        HttpTriggers.Map(app, enabled, hostJson.RoutePrefix, functionKey);

        // Azurite started here stops with the host (after queue listeners have let go).
        if (azurite is not null)
            app.Lifetime.ApplicationStopped.Register(() => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address =
                app.Services.GetRequiredService<IServer>()
                    .Features.Get<IServerAddressesFeature>()
                    ?.Addresses.FirstOrDefault()
                ?? options.Urls;
            if (!options.Quiet)
                PrintBanner(functions, app.Configuration, address, hostJson.RoutePrefix, settingsPath, azurite);
        });
        return app;
    }

    private static void PrintBanner(
        IReadOnlyList<FunctionDescriptor> functions,
        IConfiguration config,
        string address,
        string routePrefix,
        string? settingsPath,
        Azurite? azurite
    )
    {
        Console.WriteLine();
        Console.WriteLine(
            $"InfoFunctions LocalHost — settings: {settingsPath ?? "(none)"}"
                + (azurite is null ? "" : $"; Azurite {Azurite.Version} started on ports "
                    + $"{azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}")
        );
        Console.WriteLine();
        Console.WriteLine("Functions:");
        Console.WriteLine();
        foreach (var fn in functions)
            Console.WriteLine(
                $"        {fn.Name}: {fn.Describe(config, address.TrimEnd('/'), routePrefix)}"
                    + (IsDisabled(config, fn) ? " (disabled)" : "")
            );
        Console.WriteLine();
    }

    /// <summary>
    /// The host's <c>AzureWebJobs.&lt;FunctionName&gt;.Disabled</c> setting: listed, but not triggered.
    /// </summary>
    public static bool IsDisabled(IConfiguration config, FunctionDescriptor fn) =>
        bool.TryParse(config[$"AzureWebJobs.{fn.Name}.Disabled"], out var disabled) && disabled;

    /// <summary>
    /// With development storage and nothing answering on its ports, start Azurite (kept under
    /// the git-ignored <c>.azurite</c> folder of the checkout).
    /// </summary>
    private static async Task<Azurite?> EnsureAzuriteAsync(IConfiguration config)
    {
        // Only the plain development-storage setting: explicit endpoints (tests, a shared emulator) are someone else's.
        var storage = StorageConnection.From(config);
        if (
            !string.Equals(
                storage.ConnectionString?.Trim().TrimEnd(';'),
                "UseDevelopmentStorage=true",
                StringComparison.OrdinalIgnoreCase
            )
        )
            return null;
        if (Azurite.IsListening(10000) && Azurite.IsListening(10001) && Azurite.IsListening(10002))
            return null;

        var root = Settings.FindUpwards(Directory.GetCurrentDirectory(), "InfoFunctions.sln") is { } sln
            ? Path.GetDirectoryName(sln)!
            : Directory.GetCurrentDirectory();
        Console.WriteLine($"Starting Azurite {Azurite.Version} (npx) with data in {Path.Combine(root, ".azurite")} …");
        return await Azurite.StartAsync(Path.Combine(root, ".azurite"), 10000, 10001, 10002);
    }
}
