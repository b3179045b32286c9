using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.LocalHost;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>
/// Its own in-memory Azurite and a fake SendGrid API. Notification apps with different senders
/// must not share a queue with the suite's main app (they would take each other's messages), so
/// each test starts the app it needs here and stops it at the end.
/// </summary>
public sealed class NotificationsFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public FakeSendGridServer SendGrid { get; private set; } = null!;
    public EventSignatureTests.TestSigner Signer { get; } = new();
    public TableServiceClient Tables { get; private set; } = null!;
    public BlobServiceClient Blobs { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync(location: null);
        SendGrid = await FakeSendGridServer.StartAsync();
        Tables = new TableServiceClient(Azurite.ConnectionString);
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        Queues = new QueueServiceClient(
            Azurite.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }
        );
        foreach (var t in StorageNames.All(typeof(StorageNames.Tables)))
            await Tables.CreateTableIfNotExistsAsync(t);
        foreach (var q in StorageNames.QueuesWithPoison())
            await Queues.GetQueueClient(q).CreateIfNotExistsAsync();
        await Blobs.GetBlobContainerClient(StorageNames.Containers.Outbox).CreateIfNotExistsAsync();
    }

    /// <summary>
    /// The app through LocalHost: SendGrid pointed at the fake when <paramref name="sendGrid"/>, else the outbox.
    /// </summary>
    public Task<TestApp> StartAppAsync(bool sendGrid, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications__SendGridApiKey"] = sendGrid ? "SG.integration-test-key" : "",
            ["Notifications__SendGridApiHost"] = SendGrid.BaseUrl,
            ["Notifications__RetryBaseDelayMs"] = "1",
            ["Notifications__EventWebhookPublicKey"] = Signer.PublicKey,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        return TestApp.StartAsync(Azurite.ConnectionString, settings);
    }

    public async Task DisposeAsync()
    {
        Signer.Dispose();
        if (SendGrid is not null)
            await SendGrid.DisposeAsync();
        if (Azurite is not null)
            await Azurite.DisposeAsync();
    }
}

[CollectionDefinition("notifications")]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>;
