using Azure.Storage.Queues;
using InfoFunctions.Platform;
using Microsoft.Extensions.Options;

namespace InfoFunctions.LocalHost;

/// <summary>
/// The app's queue service without message encoding: the listener reads bodies as they are stored and
/// decodes each itself, as the host does, so one undecodable message cannot fail a whole batch.
/// </summary>
public sealed class RawQueues(StorageConnection storage, IOptions<StorageOptions> limits)
{
    public QueueServiceClient Client { get; } =
        storage.ConnectionString is { } cs
            ? new QueueServiceClient(cs, Options(limits.Value))
            : new QueueServiceClient(storage.QueueUri!, storage.Credential!, Options(limits.Value));

    /// <summary>
    /// The app's bounded storage waits, so a poll never hangs (shutdown waits for the one in flight).
    /// </summary>
    private static QueueClientOptions Options(StorageOptions limits)
    {
        var o = new QueueClientOptions();
        o.Retry.NetworkTimeout = TimeSpan.FromSeconds(limits.TimeoutSeconds);
        o.Retry.MaxRetries = limits.MaxRetries;
        return o;
    }
}
