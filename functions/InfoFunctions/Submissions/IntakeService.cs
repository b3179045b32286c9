using Azure.Storage.Queues;

namespace InfoFunctions.Submissions;

/// <summary>
/// Creates a report from a validated draft, whatever the channel: a tracking number from the
/// instance's block, the report row (which is also its "received" event and the pending record of its review
/// message, see <see cref="ReceivedReports"/>), then the review queue message. Attachments are already in Blob
/// Storage under the report id.
/// Storage cost: one insert + one queue send (+ one claim insert with an Idempotency-Key, + one
/// counter write per 50 reports, + one outbox mark per unit and minute).
/// </summary>
public sealed class IntakeService(
    ReportStore reports, TrackingNumbers numbers, MessageOutbox outbox, QueueServiceClient queues, TimeProvider time,
    ILogger<IntakeService> log)
{
    private readonly QueueClient _review = queues.GetQueueClient(StorageNames.Queues.Review);

    public static Problem KeyReused() => Problem.Unprocessable(
        "idempotency-key-reused", "该 Idempotency-Key 已用于另一份不同的稿件；新稿件请使用新的键。");

    /// <summary>Stores the report; with a <paramref name="claim"/>, a repeated request gets the first report.</summary>
    public async Task<Result<StoredReport>> CreateAsync(
        string reportId, ReportDraft draft, IReadOnlyList<Attachment> attachments, string submittedBy,
        string? trackingNumber = null, string? sourceMailId = null, string? note = null, IdempotencyClaim? claim = null,
        CancellationToken ct = default)
    {
        if (claim is not null)
        {
            // Claimed before anything is stored. An earlier holder's report is the answer; without
            // one, that request died after claiming (or still runs, and one insert wins): finish it.
            var holder = await reports.ClaimAsync(claim, reportId, ct);
            if (holder.Fingerprint != claim.Fingerprint) return KeyReused();
            if (holder.ReportId != reportId && await ReplayAsync(holder.ReportId, ct) is { } replay) return replay;
            reportId = holder.ReportId;
        }
        var report = new Report(
            reportId, trackingNumber ?? await numbers.NextAsync(ct), draft.UnitId, draft.Title, draft.Body,
            draft.Category,
            draft.Authors, draft.TopicId, draft.Channel, attachments, ReportStatus.Received,
            CharCounter.Count(draft.Body),
            submittedBy, time.GetUtcNow(), sourceMailId, IntakeNote: note);
        await outbox.MarkAsync(StorageNames.Tables.Reports, report.UnitId, ReportIds.TimeOf(report.Id), ct);
        if (!await reports.CreateAsync(report, ct) && await ReplayAsync(reportId, ct) is { } retried)
            return retried; // a retried queue message, or two requests with one key racing: the first insert won
        OpsLog.Write(log, "report-received", ("report", report.Id), ("unit", report.UnitId),
            ("channel", report.Channel));
        await QueueForReviewAsync(report, ct);
        return new StoredReport(report, Replayed: false);
    }

    /// <summary>
    /// The answer to a repeated request whose report is stored; queued again in case the first attempt
    /// died before queueing.
    /// </summary>
    public async Task<StoredReport?> ReplayAsync(string reportId, CancellationToken ct)
    {
        if (await reports.GetAsync(reportId, ct) is not { } earlier) return null;
        await QueueForReviewAsync(earlier.Report, ct);
        return new StoredReport(earlier.Report, Replayed: true);
    }

    /// <summary>
    /// Hands a stored report to the review pipeline. Sending twice is harmless: the consumer is idempotent.
    /// </summary>
    public Task QueueForReviewAsync(Report report, CancellationToken ct) =>
        _review.SendMessageAsync(Json.Serialize(new ReviewIntakeMessage(report.Id, report.TrackingNumber,
            report.UnitId)), ct);
}
