using InfoFunctions.LocalHost;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Notifications;
using Xunit;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// Its own in-memory Azurite: the seed is planted by a full app, which then stops; the hostile requests go to an
/// app on the same storage with every queue and timer function switched off (nothing but the requests can
/// change storage), Easy Auth on (so a forged principal header is judged) and the event webhook's key set.
/// </summary>
public sealed class HostileFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;
    public HostileSeed Seed { get; private set; } = null!;
    public EventSignatureTests.TestSigner Signer { get; } = new();

    public HttpClient Client(Caller caller) =>
        caller == Caller.Nobody ? App.CreateClient() : App.CreateClient(Seed.Tokens[caller]);

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        await using (var seeding = await TestApp.StartAsync(Azurite.ConnectionString))
            Seed = await HostileSeed.PlantAsync(seeding);

        var settings = new Dictionary<string, string?>
        {
            ["Auth__EasyAuthEnabled"] = "true",
            ["Notifications__EventWebhookPublicKey"] = Signer.PublicKey,
        };
        foreach (var fn in FunctionCatalog.Discover(LocalHostApp.AppAssembly).Where(f => f.Trigger != TriggerKind.Http))
            settings[$"AzureWebJobs.{fn.Name}.Disabled"] = "true";
        App = await TestApp.StartAsync(Azurite.ConnectionString, settings);
    }

    public async Task DisposeAsync()
    {
        Signer.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

[CollectionDefinition("hostile")]
public sealed class HostileCollection : ICollectionFixture<HostileFixture>;
