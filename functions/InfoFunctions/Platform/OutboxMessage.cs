namespace InfoFunctions.Platform;

/// <summary>One queue message an outbox row carries: the queue's name and the message as JSON.</summary>
public sealed record OutboxMessage(string Queue, string Body)
{
    public static OutboxMessage Of<T>(string queue, T message) => new(queue, Json.Serialize(message));
}
