using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// The app on LocalHost for a scenario: a random loopback port on the given Azurite, the demo
/// directory loaded, and an HTTP client signed in as the demo officer 杨帆 (or, without seeding, as the admin).
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string AdminToken = "bench-bootstrap-admin-token-0123456789";

    public required WebApplication App { get; init; }

    /// <summary>Signed in as the demo officer 杨帆, or as the admin when started without seeding.</summary>
    public required HttpClient Http { get; init; }
    public IServiceProvider Services => App.Services;

    /// <summary>The 1-minute load average from /proc/loadavg, for the line every scenario starts with.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static string MachineLine() =>
        $"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (1 min) at start.";

    /// <summary>
    /// Settings that switch off every queue and timer function but <paramref name="listening"/> (HTTP stays),
    /// so a scenario measures only the work it is about.
    /// </summary>
    public static Dictionary<string, string?> OnlyListening(params string[] listening) =>
        FunctionCatalog
            .Discover(LocalHostApp.AppAssembly)
            .Where(f => f.Trigger != TriggerKind.Http && !listening.Contains(f.Name))
            .ToDictionary(f => $"AzureWebJobs.{f.Name}.Disabled", _ => (string?)"true");

    /// <summary>The composition root's storage clients, each with a policy counting its requests.</summary>
    public static Action<IServiceCollection> Counted(StorageCounter counter, Azurite azurite) =>
        services =>
        {
            var cs = azurite.ConnectionString;
            services.AddSingleton(_ => new TableServiceClient(
                cs,
                Counting(new TableClientOptions(), counter, "table")
            ));
            services.AddSingleton(_ => new BlobServiceClient(cs, Counting(new BlobClientOptions(), counter, "blob")));
            services.AddSingleton(_ => new QueueServiceClient(
                cs,
                Counting(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, counter, "queue")
            ));
        };

    private static T Counting<T>(T options, StorageCounter counter, string service)
        where T : ClientOptions
    {
        options.AddPolicy(new CountingPolicy(counter, service), HttpPipelinePosition.PerRetry);
        return options;
    }

    public static async Task<BenchApp> StartAsync(
        Azurite azurite,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        TimeSpan? timeout = null,
        bool seed = true
    )
    {
        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__EnsureCreated"] = "true",
            ["LocalHost__FunctionKey"] = "bench-function-key",
            ["Auth__BootstrapAdminToken"] = AdminToken,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
            overrides[k] = v;
        var app = await LocalHostApp.BuildAsync(
            [],
            new LocalHostOptions
            {
                Overrides = overrides,
                ConfigureServices = configureServices,
                Urls = "http://127.0.0.1:0",
                Quiet = true,
            }
        );
        await app.StartAsync();

        var address = new Uri(
            app.Services.GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()!
                .Addresses.First()
                .TrimEnd('/') + "/"
        );
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = address,
            Timeout = timeout ?? TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        if (!seed)
            return new BenchApp { App = app, Http = http };
        (await http.PostAsync("api/directory/demo", null)).EnsureSuccessStatusCode();
        var issued = await (
            await http.PostAsJsonAsync("api/tokens", new { personId = "demo-yang-fan", label = "bench" })
        ).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            issued.GetProperty("token").GetString()
        );
        return new BenchApp { App = app, Http = http };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
