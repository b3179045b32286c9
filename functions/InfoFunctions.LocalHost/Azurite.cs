using System.Diagnostics;
using System.Net.Sockets;

namespace InfoFunctions.LocalHost;

/// <summary>
/// Azurite started through npx, for LocalHost (persistent, under a git-ignored folder) and for
/// tests (in memory, random ports). Stopped with its whole process tree.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string Version = "3.35.0";
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    private Azurite(Process process, int blob, int queue, int table)
    {
        _process = process;
        (BlobPort, QueuePort, TablePort) = (blob, queue, table);
    }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    /// <summary>
    /// Starts Azurite; <paramref name="location"/> null means in memory. Ports 0 mean pick free ones.
    /// </summary>
    public static async Task<Azurite> StartAsync(
        string? location,
        int blobPort = 0,
        int queuePort = 0,
        int tablePort = 0,
        TimeSpan? timeout = null
    )
    {
        // A free port can be taken by someone else before Azurite binds it: pick again.
        var random = blobPort == 0 && queuePort == 0 && tablePort == 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(
                    location,
                    PortOrFree(blobPort),
                    PortOrFree(queuePort),
                    PortOrFree(tablePort),
                    timeout
                );
            }
            catch (InvalidOperationException ex) when (random && attempt < 5 && ex.Message.Contains("EADDRINUSE")) { }
        }
    }

    private static async Task<Azurite> StartOnceAsync(
        string? location,
        int blobPort,
        int queuePort,
        int tablePort,
        TimeSpan? timeout
    )
    {
        var psi = new ProcessStartInfo("npx")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var a in new[]
            {
                "--yes",
                $"azurite@{Version}",
                "--skipApiVersionCheck",
                "--loose",
                "--disableTelemetry",
                "--silent",
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                $"{blobPort}",
                "--queueHost",
                "127.0.0.1",
                "--queuePort",
                $"{queuePort}",
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                $"{tablePort}",
            }
        )
            psi.ArgumentList.Add(a);
        if (location is null)
            psi.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(location);
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(location);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("无法启动 npx（需要 Node.js）。");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new Azurite(process, blobPort, queuePort, tablePort);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                string log;
                lock (output)
                    log = output.ToString();
                throw new InvalidOperationException($"Azurite 未能启动（npx azurite@{Version}）。输出：{log}");
            }
            await Task.Delay(200);
        }
        return azurite;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception ex) when (ex is SocketException or AggregateException)
        {
            return false;
        }
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port free now and not handed out before by this process (parallel fixtures).</summary>
    private static int PortOrFree(int port)
    {
        if (port != 0)
            return port;
        while (true)
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var free = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
                if (HandedOut.Add(free))
                    return free;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException) { }
        _process.Dispose();
    }
}
