using Azure.Storage.Queues;
using InfoFunctions.Platform;

namespace InfoFunctions.LocalHost;

/// <summary>
/// The app's queue service without message encoding: the listener reads bodies as they are stored and
/// decodes each itself, as the host does, so one undecodable message cannot fail a whole batch.
/// </summary>
public sealed class RawQueues(StorageConnection storage)
{
    public QueueServiceClient Client { get; } = storage.ConnectionString is { } cs
        ? new QueueServiceClient(cs)
        : new QueueServiceClient(storage.QueueUri!, storage.Credential!);
}
