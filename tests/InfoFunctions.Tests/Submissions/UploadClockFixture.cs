using InfoFunctions.LocalHost;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Submissions;

/// <summary>
/// Its own Azurite and an app whose clock the tests set, with a small cap on open upload links and the upload
/// cleanup every second of that clock (it runs only when a test moves the clock on; the other timers never do).
/// </summary>
public sealed class UploadClockFixture : IAsyncLifetime
{
    public const int MaxOpenUploads = 2;
    public const int LinkMinutes = 15;
    private const string Never = "0 0 0 1 1 *";

    /// <summary>Starts at the real time: Azurite checks the links' times against its own clock.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        App = await TestApp.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Submissions__MaxOpenUploads"] = $"{MaxOpenUploads}",
            ["Submissions__LinkMinutes"] = $"{LinkMinutes}",
            ["Submissions__UploadCleanupSchedule"] = "* * * * * *",
            ["Outbox__SweepSchedule"] = Never,
            ["Dispatch__BulletinSchedule"] = Never,
            ["Dispatch__TopicReminderSchedule"] = Never,
            ["Rewards__SettlementSchedule"] = Never,
            ["Rewards__AssessmentSchedule"] = Never,
            ["Operations__BackupSchedule"] = Never,
            ["Operations__MonitorSchedule"] = Never,
        }, s => s.AddSingleton<TimeProvider>(Clock));
        using var admin = App.CreateAdminClient();
        var demo = await admin.PostAsync("api/directory/demo", null);
        Assert.True(demo.IsSuccessStatusCode, await demo.Content.ReadAsStringAsync());
    }

    public Task<HttpClient> ClientForAsync(string personId) => App.ClientForAsync(personId);

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}
