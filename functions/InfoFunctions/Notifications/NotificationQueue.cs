using Azure.Storage.Queues;
using InfoFunctions.Platform;

namespace InfoFunctions.Notifications;

/// <summary>The producer every feature injects: validates and enqueues.</summary>
public sealed class NotificationQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.Queues.Notifications);

    public async Task EnqueueAsync(NotificationMessage message, CancellationToken ct = default)
    {
        var errors = message.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("通知消息无效：" + string.Join(" ", errors), nameof(message));
        await _queue.SendMessageAsync(Json.Serialize(message), ct);
    }
}
