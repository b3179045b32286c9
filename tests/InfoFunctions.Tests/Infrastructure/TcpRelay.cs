using System.Net;
using System.Net.Sockets;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of one Azurite port, so a test can take storage away and give it back
/// without touching Azurite's data: <see cref="Refuse"/> drops every connection and refuses new ones
/// (storage down), <see cref="BlackHole"/> accepts and never answers (storage hanging),
/// <see cref="Pass"/> relays again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    public enum Mode { Pass, Refuse, BlackHole }

    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private volatile Mode _mode = Mode.Pass;

    public int Port { get; }

    public TcpRelay(int targetPort)
    {
        _target = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Listen();
    }

    public void Pass()
    {
        _mode = Mode.Pass;
        Listen();
    }

    public void Refuse()
    {
        _mode = Mode.Refuse;
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    public void BlackHole()
    {
        Refuse();
        _mode = Mode.BlackHole;
        Listen();
    }

    private void Listen()
    {
        lock (_open)
        {
            if (_listener is not null) return;
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; } // stopped
            lock (_open) _open.Add(client);
            if (_mode == Mode.Pass) _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            lock (_open) _open.Add(upstream);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception) { } // either side went away
        finally
        {
            lock (_open) { _open.Remove(client); _open.Remove(upstream); }
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Refuse();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
