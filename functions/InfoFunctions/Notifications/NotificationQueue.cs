using Azure.Storage.Queues;

namespace InfoFunctions.Notifications;

/// <summary>
/// The producer every feature injects: validates and enqueues, or (<see cref="Outgoing"/>) hands the message to a
/// change's outbox so it is committed with the change.
/// </summary>
public sealed class NotificationQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.Queues.Notifications);

    public Task EnqueueAsync(NotificationMessage message, CancellationToken ct = default) =>
        _queue.SendMessageAsync(Outgoing(message).Body, ct);

    /// <summary>The message as an outbox entry, checked as <see cref="EnqueueAsync"/> checks it.</summary>
    public static OutboxMessage Outgoing(NotificationMessage message)
    {
        var errors = message.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("通知消息无效：" + string.Join(" ", errors), nameof(message));
        return OutboxMessage.Of(StorageNames.Queues.Notifications, message);
    }
}
