using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>
/// One person in their own browser context (fresh cache, like a first visit), signed in through the
/// sign-in page. The device's time zone is New York, so anything shown in Beijing time is the console's doing.
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    public const int PhoneWidth = 390;
    private readonly List<string> _errors = [];
    private readonly List<IResponse> _responses = [];

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    private readonly string _name;

    private ConsoleSession(IBrowserContext context, IPage page, string name)
    {
        (Context, Page, _name) = (context, page, name);
        page.PageError += (_, message) => _errors.Add("page error: " + message);
        // A refused API call is logged by the browser as a failed resource; the page shows the problem itself.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                _errors.Add("console: " + m.Text);
        };
        page.Response += (_, r) => { lock (_responses) _responses.Add(r); };
    }

    public static async Task<ConsoleSession> OpenAsync(ConsoleFixture fx, string name, bool phone = false)
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fx.App.BaseAddress.ToString(),
            ViewportSize = phone
                ? new ViewportSize { Width = PhoneWidth, Height = 844 }
                : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "zh-CN",
            TimezoneId = "America/New_York",
            AcceptDownloads = true,
        });
        // An init script is not subject to the page's Content-Security-Policy, which stays as served.
        await context.AddInitScriptAsync(fx.AxeSource);
        return new ConsoleSession(context, await context.NewPageAsync(), name);
    }

    public static async Task<ConsoleSession> SignInAsync(ConsoleFixture fx, string person, bool phone = false)
    {
        var s = await OpenAsync(fx, person, phone);
        await s.Page.GotoAsync("/");
        try { await s.Page.GetByLabel("访问令牌").FillAsync(fx.Token(person), new() { Timeout = 5000 }); }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(string.Join("\n", s._errors) + "\n" + await s.Page.ContentAsync());
        }
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })).ToBeVisibleAsync();
        // Signed in, the start page forwards to the person's first page.
        await Expect(s.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/[a-z]+"));
        return s;
    }

    public ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });
    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    public ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
    public ILocator Status => Page.Locator(".summary .badge");

    public async Task NavAsync(string label)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })
            .GetByRole(AriaRole.Link, new() { Name = label }).ClickAsync();
        await Expect(Heading(label == "目标进度" ? "目标与进度" : label)).ToBeVisibleAsync();
    }

    /// <summary>Opens a section from the main navigation, then one of its tabs.</summary>
    public async Task SectionAsync(string section, string tab)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })
            .GetByRole(AriaRole.Link, new() { Name = section }).ClickAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = section })
            .GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
        await Expect(Heading(tab)).ToBeVisibleAsync();
    }

    /// <summary>Clicks what starts a download; the file's suggested name and its bytes.</summary>
    public async Task<(string Name, byte[] Bytes)> DownloadAsync(ILocator trigger)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => trigger.ClickAsync());
        Assert.Null(await download.FailureAsync());
        return (download.SuggestedFilename, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    /// <summary>Reloads until <paramref name="target"/> shows (the review queue works in the background).</summary>
    public async Task ReloadUntilVisibleAsync(ILocator target, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await target.IsVisibleAsync())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Not shown within {seconds}s: {target}");
            await Task.Delay(300);
            await Page.ReloadAsync();
        }
    }

    /// <summary>
    /// A full-page PNG under TestResults/screenshots, then axe-core: no serious or critical violation,
    /// and no script error.
    /// </summary>
    public async Task CheckPageAsync(string name)
    {
        await ShotAsync(Path.Combine(ConsoleFixture.ScreenshotDir, name + ".png"));
        var violations = await Page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .map(v => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
              }))
            """);
        var serious = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {name}: " + string.Join("; ", serious.Select(v => v.ToString())));
        AssertNoScriptErrors();
    }

    private Task ShotAsync(string path) => Page.ScreenshotAsync(new() { Path = path, FullPage = true });

    public void AssertNoScriptErrors() => Assert.True(_errors.Count == 0, string.Join("\n", _errors));

    /// <summary>What the browser received so far, as sent over the wire (compressed bodies).</summary>
    public async Task<(int Requests, long BodyBytes)> TransferredAsync()
    {
        IResponse[] all;
        lock (_responses) all = [.. _responses];
        long total = 0;
        foreach (var r in all) total += (await r.Request.SizesAsync()).ResponseBodySize;
        return (all.Length, total);
    }

    /// <summary>The page as it was last (kept for looking into a failure), then the context closes.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ShotAsync(Path.Combine(ConsoleFixture.ScreenshotDir, "last", _name + ".png"));
        }
        catch (PlaywrightException) { /* the page may be gone already */ }
        await Context.DisposeAsync();
    }
}
