using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using Xunit;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>Shared per test run: a throwaway in-memory Azurite on random ports and one LocalHost on it.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;

    public string StorageConnectionString => Azurite.ConnectionString;
    public string FunctionKey => TestApp.FunctionKey;
    public string AdminToken => TestApp.AdminToken;
    public TableServiceClient Tables => App.Tables;
    public BlobServiceClient Blobs => App.Blobs;
    public QueueServiceClient Queues => App.Queues;

    public HttpClient CreateClient(string? bearer = null) => App.CreateClient(bearer);

    public HttpClient CreateAdminClient() => App.CreateAdminClient();

    /// <summary>A separate app on the same storage, e.g. with other settings; dispose it in the test.</summary>
    public Task<TestApp> StartAppAsync(
        IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null
    ) => TestApp.StartAsync(StorageConnectionString, settings, configureServices);

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        App = await TestApp.StartAsync(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        if (Azurite is not null)
            await Azurite.DisposeAsync();
    }
}

[CollectionDefinition("app")]
public sealed class AppCollection : ICollectionFixture<AppFixture>;
