using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using InfoFunctions.LocalHost;
using InfoFunctions.Notifications;
using InfoFunctions.Operations;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Operations;

/// <summary>
/// The saved queries and alerts in infra/monitoring read <c>ops …</c> lines out of the traces; here the
/// app runs the flows they watch, and every event and field a query parses must be in what it logged,
/// with a value of the type the query declares.
/// </summary>
public sealed partial class OpsQueriesTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    // 2026-07-02 12:00 in Beijing: 36 hours after the first half-year closed.
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 7, 2, 4, 0, 0, TimeSpan.Zero));
    private Azurite _azurite = null!;
    private FakeSmtpServer _smtp = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: null);
        _smtp = await FakeSmtpServer.StartAsync();
        _smtp.Answers["nobody@example.org"] = FakeSmtpServer.NoSuchUser;
        _app = await TestApp.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Notifications__SmtpHost"] = "127.0.0.1",
            ["Notifications__SmtpPort"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__SmtpSecurity"] = "None",
        }, s =>
        {
            _logs.AddTo(s);
            s.AddSingleton<TimeProvider>(_clock);
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>(file, event, field → KQL type) per <c>parse-kv</c> of an <c>ops</c> line, infra/monitoring.</summary>
    public static IEnumerable<(string File, string Event, Dictionary<string, string> Fields)> Queries()
    {
        var folder = Path.Combine(RepoRoot(), "infra", "monitoring");
        foreach (var file in Directory.EnumerateFiles(folder, "*.kql", SearchOption.AllDirectories).Order())
        {
            var text = File.ReadAllText(file);
            if (OpsEvent().Match(text) is not { Success: true } evt) continue;
            var fields = ParseKv().Match(text).Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries)
                .Select(f => f.Split(':')).ToDictionary(f => f[0], f => f[1]);
            yield return (Path.GetRelativePath(folder, file), evt.Groups["e"].Value, fields);
        }
    }

    [Fact]
    public async Task Every_query_finds_the_lines_and_fields_it_parses_in_what_the_app_logs()
    {
        Assert.True(Queries().Count() >= 6, "The saved queries and alerts under infra/monitoring were not found.");
        using var admin = _app.CreateAdminClient();
        Assert.True((await admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);

        // A report through the web API, checked by the review pipeline.
        var issued = await admin.PostJsonAsync("api/tokens", new { personId = "demo-yang-fan", label = "ops" });
        var token = (await issued.JsonAsync()).GetProperty("token").GetString();
        using var officer = _app.CreateClient(token);
        var report = await officer.PostJsonAsync("api/reports",
            new { title = "埇桥区人大常委会召开代表座谈会", body = "3月5日，区人大常委会召开代表座谈会，听取代表意见。" });
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);

        // Mail from an unknown sender, quarantined.
        var mail = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail")
        {
            Content = new MultipartFormDataContent
            {
                {
                    new StringContent("{\"to\":[\"xinxi@inbound.example.org\"],\"from\":\"stranger@example.net\"}"),
                    "envelope"
                },
                { new ByteArrayContent(await File.ReadAllBytesAsync(Fixture("unknown-sender.eml"))), "email" },
            },
        };
        mail.Headers.Add("x-functions-key", TestApp.FunctionKey);
        using var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(mail)).StatusCode);

        // A notice the mail server refuses.
        await _app.Services.GetRequiredService<NotificationQueue>().EnqueueAsync(
            NotificationTestData.Message(Templates.Receipt, NotificationTo.Address("nobody@example.org")));

        // The monitor and a backup.
        await _app.Queues.GetQueueClient(StorageNames.Queues.Ledger + "-poison").SendMessageAsync("{}");
        var monitor = await _app.Services.GetRequiredService<OpsMonitor>().RunAsync(CancellationToken.None);
        Assert.Contains("ops poison-queue queue=ledger-poison messages=1", monitor);
        Assert.Contains(
            "ops settlement-watch period=2026H1 closedAt=2026-06-30T16:00:00Z hoursSinceClose=36 settled=false",
            monitor);
        await _app.Services.GetRequiredService<BackupService>().RunAsync(CancellationToken.None);

        foreach (var (file, evt, fields) in Queries())
        {
            string? line = null;
            var prefix = $"ops {evt} ";
            await Eventually.HoldsAsync(
                () => (line = _logs.Messages.FirstOrDefault(m => m.StartsWith(prefix, StringComparison.Ordinal)))
                    is not null,
                $"{file}: the app logs no 'ops {evt}' line");
            var values = line!.Split(' ').Skip(2).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            foreach (var (name, type) in fields)
            {
                Assert.True(values.TryGetValue(name, out var value), $"{file}: 'ops {evt}' has no {name}= ({line})");
                Assert.True(Parses(type, value!), $"{file}: {name}={value} is not a {type}");
            }
        }
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Mail", name);

    private static bool Parses(string type, string value) => type switch
    {
        "long" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "real" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "bool" => value is "true" or "false",
        "datetime" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        _ => value.Length > 0,
    };

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InfoFunctions.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("InfoFunctions.sln");
    }

    [GeneratedRegex(@"startswith ""ops (?<e>[a-z-]+) """)]
    private static partial Regex OpsEvent();

    [GeneratedRegex(@"parse-kv Message as \((?<fields>[^)]*)\)")]
    private static partial Regex ParseKv();
}
