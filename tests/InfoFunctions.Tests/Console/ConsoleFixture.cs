using System.Net;
using InfoFunctions.LocalHost;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// Its own Azurite and app with the demo directory, where 林晓雯 is the only editor (so intake assigns
/// her every report) and 周明远 only signs; and Debian's Chromium driven by Playwright (no download).
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Officer = "demo-yang-fan";          // 杨帆, 信息员, 埇桥区 (yq)
    public const string Colleague = "demo-zhu-lingling";    // 朱玲玲, 信息员, 埇桥区
    public const string Editor = "demo-lin-xiaowen";        // 林晓雯, 编辑
    public const string Signer = "demo-zhou-mingyuan";      // 周明远, 签发
    public const string Leader = "demo-gao-jianguo";        // 高建国, 领导
    public const string AdminPerson = "demo-song-yiran";    // 宋怡然, 管理员
    public const string CountyOfficer = "demo-qin-haoyu";   // 秦浩宇, 信息员, 砀山县 (ds)

    private static readonly string[] BrowserArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly Dictionary<string, string> _tokens = [];
    private IPlaywright _playwright = null!;

    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string AxeSource { get; private set; } = null!;
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        // The tests settle and publish themselves: the timers must not do it behind their back.
        App = await TestApp.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Rewards__SettlementSchedule"] = "0 0 0 1 1 *",
            ["Rewards__AssessmentSchedule"] = "0 0 0 1 1 *",
            ["Dispatch__BulletinSchedule"] = "0 0 0 1 1 *",
        });
        Admin = App.CreateAdminClient();
        (await Admin.PostAsync("api/directory/demo", null)).EnsureSuccessStatusCode();
        // The demo reward standard, so adoptions earn points (the ledger refuses facts without one).
        (await Admin.PostAsync("api/rewards/standards/demo", null)).EnsureSuccessStatusCode();
        await SetRolesAsync(Signer, "signer");
        await SetRolesAsync(Leader, "leader"); // the leader's pages as a leader without the signer role sees them
        await SetRolesAsync("demo-he-jiarui", "officer");
        foreach (var person in new[] { Officer, Colleague, Editor, Signer, Leader, AdminPerson, CountyOfficer })
            _tokens[person] = await IssueTokenAsync(person);

        AxeSource = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(),
            "functions", "InfoFunctions", "Console", "web", "node_modules", "axe-core", "axe.min.js"));
        Directory.CreateDirectory(ScreenshotDir);
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = BrowserArgs,
        });
    }

    public string Token(string person) => _tokens[person];
    public HttpClient Client(string person) => App.CreateClient(_tokens[person]);

    private async Task SetRolesAsync(string personId, params string[] roles)
    {
        var current = await Admin.GetAsync($"api/people/{personId}");
        var person = await current.JsonAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/people/{personId}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                name = person.GetProperty("name").GetString(),
                email = person.GetProperty("email").GetString(),
                unitId = person.GetProperty("unitId").GetString(),
                roles,
                employment = person.GetProperty("employment").GetString(),
                isDeputy = person.GetProperty("isDeputy").GetBoolean(),
                annualQuota = person.GetProperty("annualQuota").GetInt32(),
            }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
        var response = await Admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> IssueTokenAsync(string personId)
    {
        var issued = await Admin.PostJsonAsync("api/tokens", new { personId, label = "console tests" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.JsonAsync()).GetProperty("token").GetString()!;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InfoFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("InfoFunctions.sln not found above the test output.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

[CollectionDefinition("console")]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>;
