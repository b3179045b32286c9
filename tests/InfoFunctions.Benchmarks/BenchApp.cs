using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InfoFunctions.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// The app on LocalHost for a scenario: a random loopback port on the given Azurite, the demo
/// directory loaded, and an HTTP client signed in as the demo officer 杨帆.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string AdminToken = "bench-bootstrap-admin-token-0123456789";

    public required WebApplication App { get; init; }
    public required HttpClient Officer { get; init; }
    public IServiceProvider Services => App.Services;

    public static async Task<BenchApp> StartAsync(Azurite azurite, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null, TimeSpan? timeout = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__EnsureCreated"] = "true",
            ["LocalHost__FunctionKey"] = "bench-function-key",
            ["Auth__BootstrapAdminToken"] = AdminToken,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) overrides[k] = v;
        var app = await LocalHostApp.BuildAsync([], new LocalHostOptions
        {
            Overrides = overrides,
            ConfigureServices = configureServices,
            Urls = "http://127.0.0.1:0",
            Quiet = true,
        });
        await app.StartAsync();

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        (await http.PostAsync("api/directory/demo", null)).EnsureSuccessStatusCode();
        var issued = await (await http.PostAsJsonAsync("api/tokens", new { personId = "demo-yang-fan", label = "bench" })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("token").GetString());
        return new BenchApp { App = app, Officer = http };
    }

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
