using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace InfoFunctions.Tests.Notifications;

/// <summary>
/// A real SMTP listener (the SmtpServer package) on 127.0.0.1 and a free port: keeps every message
/// it accepts as parsed MIME, and answers DATA from rules (e.g. 451 or 550 for one recipient, in ASCII as
/// real servers reply).
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    public const string UserName = "xinxi@example.org";
    public const string Password = "smtp-测试-password";

    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly ConcurrentQueue<string> _attempts = new();

    public int Port { get; }
    public IReadOnlyList<MimeMessage> Received => _received.ToArray();

    /// <summary>Every DATA command by recipient, accepted or not.</summary>
    public IReadOnlyList<string> Attempts => _attempts.ToArray();

    /// <summary>Answers by recipient address, checked before accepting (null: accept).</summary>
    public ConcurrentDictionary<string, SmtpResponse> Answers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static SmtpResponse TryLater => new((SmtpReplyCode)451, "4.3.0 Server busy, try again later");
    public static SmtpResponse NoSuchUser => new(SmtpReplyCode.MailboxUnavailable, "5.1.1 No such user");

    private FakeSmtpServer(bool requireAuth)
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .AuthenticationRequired(requireAuth).AllowUnsecureAuthentication(requireAuth))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Users());
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public static async Task<FakeSmtpServer> StartAsync(bool requireAuth = false)
    {
        var server = new FakeSmtpServer(requireAuth);
        await server.WaitListeningAsync();
        return server;
    }

    private async Task WaitListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"SMTP test server did not listen on port {Port}.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(FakeSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken ct)
        {
            var to = string.Join(",", transaction.To.Select(m => $"{m.User}@{m.Host}"));
            owner._attempts.Enqueue(to);
            if (owner.Answers.TryGetValue(to, out var answer)) return answer;
            using var stream = new MemoryStream(buffer.ToArray());
            owner._received.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Users : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(
            ISessionContext context, string user, string password, CancellationToken ct) =>
            Task.FromResult(user == UserName && password == Password);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        _stop.Cancel();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
