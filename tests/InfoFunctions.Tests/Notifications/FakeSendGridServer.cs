using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.Tests.Notifications;

/// <summary>
/// A local HTTP endpoint standing in for the SendGrid API on 127.0.0.1 (random port): records every
/// request and answers from a script (then 202 Accepted with an X-Message-Id).
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    public sealed record Recorded(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    public sealed record Scripted(int Status, IReadOnlyDictionary<string, string>? Headers = null, string Body = "");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Scripted> _script = new();
    private readonly ConcurrentQueue<Recorded> _requests = new();
    private int _accepted;

    public string BaseUrl { get; }
    public IReadOnlyList<Recorded> Requests => _requests.ToArray();
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>When set, every request not covered by the script gets this instead of 202.</summary>
    public Scripted? Always { get; set; }

    /// <summary>Per-request answers (e.g. by recipient), checked before the script.</summary>
    public ConcurrentBag<Func<Recorded, Scripted?>> Rules { get; } = [];

    /// <summary>Requests for one idempotency key (its X-InfoFunctions-Key header).</summary>
    public IReadOnlyList<Recorded> For(string key) =>
        Requests.Where(r => r.Body.Contains($"\"X-InfoFunctions-Key\":\"{key}\"", StringComparison.Ordinal)).ToList();

    private FakeSendGridServer(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<FakeSendGridServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeSendGridServer? self = null;
        app.Run(async ctx => await self!.HandleAsync(ctx));
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        self = new FakeSendGridServer(app, address.TrimEnd('/'));
        return self;
    }

    public void Enqueue(params Scripted[] responses)
    {
        foreach (var r in responses)
            _script.Enqueue(r);
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var recorded = new Recorded(
            ctx.Request.Method,
            ctx.Request.Path.Value ?? "",
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body
        );
        _requests.Enqueue(recorded);

        var reply =
            Rules.Select(r => r(recorded)).FirstOrDefault(r => r is not null)
            ?? (
                _script.TryDequeue(out var s)
                    ? s
                    : Always
                        ?? new Scripted(
                            202,
                            new Dictionary<string, string> { ["X-Message-Id"] = $"fake-{Guid.NewGuid():N}" }
                        )
            );
        if (reply.Status is >= 200 and < 300)
            Interlocked.Increment(ref _accepted);
        ctx.Response.StatusCode = reply.Status;
        foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>())
            ctx.Response.Headers[k] = v;
        if (reply.Body.Length > 0)
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(reply.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
