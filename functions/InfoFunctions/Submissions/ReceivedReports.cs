namespace InfoFunctions.Submissions;

/// <summary>
/// The intake's outbox without an outbox row: a report still <see cref="ReportStatus.Received"/> is the pending
/// record of its review-intake message. Intake stays one insert (a second entity would make it a transaction,
/// which costs Azurite several inserts); it marks the unit and the minute of the report's id first
/// (<see cref="MessageOutbox.MarkAsync"/>), and the sweep re-queues whatever that minute still holds in Received.
/// The review step ignores a report that has moved on, so a second message is harmless.
/// </summary>
public sealed class ReceivedReports(ReportStore reports) : IOutboxSource
{
    public string Table => StorageNames.Tables.Reports;

    public async IAsyncEnumerable<OutboxMessage> PendingAsync(string partitionKey, DateTimeOffset from,
        DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var r in reports.ReceivedAsync(partitionKey, from, to, ct))
            yield return OutboxMessage.Of(StorageNames.Queues.Review,
                new ReviewIntakeMessage(r.Id, r.TrackingNumber ?? "", r.PartitionKey));
    }
}
