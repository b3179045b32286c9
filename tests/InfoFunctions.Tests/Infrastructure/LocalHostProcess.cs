using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using InfoFunctions.Tests.Review;
using Xunit;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>
/// LocalHost as an operator runs it: <c>dotnet InfoFunctions.LocalHost.dll</c> in a process of its own, settings
/// through environment variables, its own port; stopped with Ctrl-C (SIGINT) or killed (SIGKILL).
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    public Uri BaseAddress { get; }

    private LocalHostProcess(Process process, Uri baseAddress)
    {
        (_process, BaseAddress) = (process, baseAddress);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Short leases, sweeps and claims, so that recovery after a stop is quick.</summary>
    public static IReadOnlyDictionary<string, string?> QuickRecovery { get; } = new Dictionary<string, string?>
    {
        ["LocalHost__MessageLeaseSeconds"] = "5",
        ["Outbox__SweepSchedule"] = "*/2 * * * * *",
        ["Outbox__AgeSeconds"] = "6",
        ["Notifications__ClaimSeconds"] = "10",
    };

    /// <summary>The LocalHost build next to this test build (same configuration).</summary>
    public static string Dll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = here.Parent!.Name; // bin/<configuration>/net10.0
            var root = here;
            while (!File.Exists(Path.Combine(root.FullName, "InfoFunctions.sln"))) root = root.Parent!;
            return Path.Combine(root.FullName, "functions", "InfoFunctions.LocalHost", "bin", configuration, "net10.0",
                "InfoFunctions.LocalHost.dll");
        }
    }

    public static async Task<LocalHostProcess> StartAsync(string storage,
        IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        var env = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Storage__EnsureCreated"] = "true",
            ["LocalHost__FunctionKey"] = TestApp.FunctionKey,
            ["Auth__BootstrapAdminToken"] = TestApp.AdminToken,
            ["Auth__EasyAuthEnabled"] = "false",
            ["urls"] = $"http://127.0.0.1:{port}",
        };
        foreach (var (k, v) in settings) env[k] = v;
        foreach (var (k, v) in env) psi.Environment[k] = v;

        var host = new LocalHostProcess(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (host._process.HasExited)
                throw new InvalidOperationException("LocalHost exited at start:\n" + host.Tail);
            try { if ((await probe.GetAsync("api/health")).StatusCode == HttpStatusCode.OK) return host; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("LocalHost did not answer:\n" + host.Tail);
            await Task.Delay(200);
        }
    }

    /// <summary>The demo directory and reward standard; tokens for an officer (杨帆), an editor-signer (周明远).</summary>
    public async Task<(string Officer, string Editor)> SetUpDemoAsync()
    {
        using var admin = CreateClient(TestApp.AdminToken);
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        Assert.True((await admin.PostAsync("api/rewards/standards/demo", null)).IsSuccessStatusCode);
        async Task<string> TokenAsync(string personId) => (await (await admin.PostJsonAsync("api/tokens",
            new { personId, label = "process tests" })).JsonAsync()).GetProperty("token").GetString()!;
        return (await TokenAsync(ReviewTestSupport.YangFan), await TokenAsync(ReviewTestSupport.ZhouMingyuan));
    }

    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Ctrl-C: the host stops gracefully.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, 2) != 0)
            throw new InvalidOperationException("SIGINT failed: " + Marshal.GetLastWin32Error());
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public string Tail { get { lock (_tail) return string.Join('\n', _tail); } }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 200) _tail.Dequeue();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
