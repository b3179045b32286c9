using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>
/// Its own Azurite and an app whose clock the tests set (rotation days, topic deadlines). It must not share
/// queues with the suite's main app, which would take its notification messages.
/// </summary>
public sealed class DispatchClockFixture : IAsyncLifetime
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero));
    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        App = await TestApp.StartAsync(Azurite.ConnectionString, new Dictionary<string, string?>
        {
            // The tests run the dispatch jobs themselves at the instants they choose.
            ["Dispatch__BulletinSchedule"] = "0 0 0 1 1 *",
            ["Dispatch__TopicReminderSchedule"] = "0 0 0 1 1 *",
            // The penalty test reads the ledger queue itself: the rewards worker must leave it there.
            ["AzureWebJobs.ApplyLedgerMessage.Disabled"] = "true",
        }, s => s.AddSingleton<TimeProvider>(Clock));
        using var admin = App.CreateAdminClient();
        var demo = await admin.PostAsync("api/directory/demo", null);
        Assert.True(demo.IsSuccessStatusCode, await demo.Content.ReadAsStringAsync());
    }

    public Task<HttpClient> ClientForAsync(string personId) => App.ClientForAsync(personId);

    public QueueClient Queue(string name) => App.Queues.GetQueueClient(name);

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

[CollectionDefinition("dispatch-clock")]
public sealed class DispatchClockCollection : ICollectionFixture<DispatchClockFixture>;
