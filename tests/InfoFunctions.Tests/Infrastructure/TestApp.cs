using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>
/// One LocalHost instance on a random loopback port against a given Azurite, driven over HTTP.
/// Hosts the test assembly's probe functions beside the app's.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key";
    public const string AdminToken = "test-bootstrap-admin-token-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;
    public TestProbes Probes => _app.Services.GetRequiredService<TestProbes>();
    public TableServiceClient Tables => _app.Services.GetRequiredService<TableServiceClient>();
    public BlobServiceClient Blobs => _app.Services.GetRequiredService<BlobServiceClient>();
    public QueueServiceClient Queues => _app.Services.GetRequiredService<QueueServiceClient>();

    private TestApp(WebApplication app, Uri baseAddress) => (_app, BaseAddress) = (app, baseAddress);

    public static async Task<TestApp> StartAsync(
        string storageConnectionString,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null
    )
    {
        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Storage__EnsureCreated"] = "true",
            ["LocalHost__FunctionKey"] = FunctionKey,
            ["Auth__BootstrapAdminToken"] = AdminToken,
            ["Auth__EasyAuthEnabled"] = "false",
            ["TestTimerSchedule"] = "0 0 16 * * *",
            // The whole suite shares two cores with Azurite: allow slow answers (the outage test sets its own).
            ["Storage__TimeoutSeconds"] = "30",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
            overrides[k] = v;

        var app = await LocalHostApp.BuildAsync(
            [],
            new LocalHostOptions
            {
                Overrides = overrides,
                ExtraFunctionAssemblies = [typeof(TestApp).Assembly],
                ConfigureServices = s =>
                {
                    s.AddSingleton<TestProbes>();
                    configureServices?.Invoke(s);
                },
                Urls = "http://127.0.0.1:0",
                Quiet = true,
            }
        );
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new TestApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminToken);

    /// <summary>
    /// A client with a personal access token for <paramref name="personId"/>, issued once per app and valid for
    /// years, so that tests may move their clock on by months.
    /// </summary>
    public async Task<HttpClient> ClientForAsync(string personId)
    {
        if (!_tokens.TryGetValue(personId, out var token))
        {
            using var admin = CreateAdminClient();
            var issued = await admin.PostJsonAsync(
                "api/tokens",
                new
                {
                    personId,
                    label = "tests",
                    expiresInDays = 3000,
                }
            );
            Xunit.Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            _tokens[personId] = token = (await issued.JsonAsync()).GetProperty("token").GetString()!;
        }
        return CreateClient(token);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
