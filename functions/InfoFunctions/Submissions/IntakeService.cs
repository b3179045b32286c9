using Azure.Storage.Queues;
using InfoFunctions.Platform;

namespace InfoFunctions.Submissions;

/// <summary>The stored report; <c>Replayed</c> when an Idempotency-Key named an earlier one; <c>KeyReused</c> when that key was used for different content.</summary>
public sealed record IntakeResult(Report? Report, bool Replayed, bool KeyReused);

/// <summary>
/// Creates a report from a validated draft, whatever the channel: a tracking number from the
/// instance's block, the report and its "received" event in one transaction, then the review
/// queue message. Attachments are already in Blob Storage under the report id.
/// Storage cost: one transaction + one queue send (+ one counter write per 50 reports).
/// </summary>
public sealed class IntakeService(ReportStore reports, TrackingNumbers numbers, QueueServiceClient queues, TimeProvider time)
{
    private readonly QueueClient _review = queues.GetQueueClient(StorageNames.Queues.Review);

    public async Task<IntakeResult> CreateAsync(string reportId, ReportDraft draft, IReadOnlyList<Attachment> attachments, string submittedBy,
        string? trackingNumber = null, string? sourceMailId = null, string? note = null, IdempotencyClaim? claim = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var report = new Report(
            reportId, trackingNumber ?? await numbers.NextAsync(ct), draft.UnitId, draft.Title, draft.Body, draft.Category, draft.Authors,
            draft.TopicId, draft.Channel, attachments, ReportStatus.Received, CharCounter.Count(draft.Body), submittedBy, now, sourceMailId);
        var outcome = await reports.CreateAsync(report, new ReportEvent(reportId, 1, "received", submittedBy, now, note), claim, ct);
        if (outcome.Result == CreateResult.KeyTaken && claim?.Fingerprint is { } fp && outcome.Fingerprint is { } held && fp != held)
            return new IntakeResult(null, Replayed: false, KeyReused: true);
        var replayed = outcome.Result == CreateResult.KeyTaken;
        if (outcome.Result != CreateResult.Created && await reports.GetAsync(outcome.ReportId, ct) is { } existing)
            report = existing.Report; // a retried request or queue message: the first one won
        // Queued again on a replay: the first attempt may have died between storing and queueing, and the consumer is idempotent.
        await QueueForReviewAsync(report, ct);
        return new IntakeResult(report, replayed, KeyReused: false);
    }

    /// <summary>Hands a stored report to the review pipeline. Sending twice is harmless: the consumer is idempotent.</summary>
    public Task QueueForReviewAsync(Report report, CancellationToken ct) =>
        _review.SendMessageAsync(Json.Serialize(new ReviewIntakeMessage(report.Id, report.TrackingNumber, report.UnitId)), ct);
}
