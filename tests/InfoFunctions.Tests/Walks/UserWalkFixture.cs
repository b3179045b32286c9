using InfoFunctions.LocalHost;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Walks;

/// <summary>
/// Its own Azurite and an app whose clock the walk moves (a report submitted, forwarded and adopted in May, its
/// half-year settled in July), with every worker running, the demo directory and the demo standard (highest only).
/// </summary>
public sealed class UserWalkFixture : IAsyncLifetime
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 5, 11, 2, 0, 0, TimeSpan.Zero));
    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        App = await TestApp.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            // The walk settles and reports itself: the timers must not (once a year, on 1 January).
            ["Rewards__SettlementSchedule"] = "0 0 0 1 1 *",
            ["Rewards__AssessmentSchedule"] = "0 0 0 1 1 *",
            ["Dispatch__BulletinSchedule"] = "0 0 0 1 1 *",
            ["Dispatch__TopicReminderSchedule"] = "0 0 0 1 1 *",
        }, s => s.AddSingleton<TimeProvider>(Clock));
        Admin = App.CreateAdminClient();
        Assert.True((await Admin.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);
        Assert.True((await Admin.PostAsync("api/rewards/standards/demo", null)).IsSuccessStatusCode);
    }

    public Task<HttpClient> ClientForAsync(string personId) => App.ClientForAsync(personId);

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}
