namespace InfoFunctions.Platform;

/// <summary>
/// A feature whose own rows are the pending record of a message (no outbox row: e.g. a report still
/// <c>received</c> is its own review-intake message). The sweep asks it, for one partition of
/// <see cref="Table"/> and a time window that <see cref="MessageOutbox.MarkAsync"/> announced, which messages are
/// still due; sending one twice must be harmless.
/// </summary>
public interface IOutboxSource
{
    string Table { get; }

    IAsyncEnumerable<OutboxMessage> PendingAsync(string partitionKey, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct);
}
