using Azure.Storage.Queues;
using InfoFunctions.Platform;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.Submissions;

/// <summary>The stored report; <c>Replayed</c> when an earlier request had stored it; <c>KeyReused</c> when the Idempotency-Key was used for different content.</summary>
public sealed record IntakeResult(Report? Report, bool Replayed, bool KeyReused);

/// <summary>
/// Creates a report from a validated draft, whatever the channel: a tracking number from the
/// instance's block, the report row (which is also its "received" event), then the review queue
/// message. Attachments are already in Blob Storage under the report id.
/// Storage cost: one insert + one queue send (+ one claim insert with an Idempotency-Key, + one
/// counter write per 50 reports).
/// </summary>
public sealed class IntakeService(
    ReportStore reports, TrackingNumbers numbers, QueueServiceClient queues, TimeProvider time, ILogger<IntakeService> log)
{
    private readonly QueueClient _review = queues.GetQueueClient(StorageNames.Queues.Review);

    public async Task<IntakeResult> CreateAsync(string reportId, ReportDraft draft, IReadOnlyList<Attachment> attachments, string submittedBy,
        string? trackingNumber = null, string? sourceMailId = null, string? note = null, IdempotencyClaim? claim = null, CancellationToken ct = default)
    {
        if (claim is not null)
        {
            // Claimed before anything is stored. An earlier holder's report is the answer; without
            // one, that request died after claiming (or still runs, and one insert wins): finish it.
            var holder = await reports.ClaimAsync(claim, reportId, ct);
            if (holder.Fingerprint != claim.Fingerprint) return new IntakeResult(null, Replayed: false, KeyReused: true);
            if (holder.ReportId != reportId && await ReplayAsync(holder.ReportId, ct) is { } replay) return replay;
            reportId = holder.ReportId;
        }
        var now = time.GetUtcNow();
        var report = new Report(
            reportId, trackingNumber ?? await numbers.NextAsync(ct), draft.UnitId, draft.Title, draft.Body, draft.Category, draft.Authors,
            draft.TopicId, draft.Channel, attachments, ReportStatus.Received, CharCounter.Count(draft.Body), submittedBy, now, sourceMailId, IntakeNote: note);
        if (!await reports.CreateAsync(report, ct) && await ReplayAsync(reportId, ct) is { } retried)
            return retried; // a retried queue message, or two requests with one key racing: the first insert won
        OpsLog.Write(log, "report-received", ("report", report.Id), ("unit", report.UnitId), ("channel", report.Channel));
        await QueueForReviewAsync(report, ct);
        return new IntakeResult(report, Replayed: false, KeyReused: false);
    }

    /// <summary>The answer to a repeated request whose report is stored; queued again in case the first attempt died before queueing.</summary>
    public async Task<IntakeResult?> ReplayAsync(string reportId, CancellationToken ct)
    {
        if (await reports.GetAsync(reportId, ct) is not { } earlier) return null;
        await QueueForReviewAsync(earlier.Report, ct);
        return new IntakeResult(earlier.Report, Replayed: true, KeyReused: false);
    }

    /// <summary>Hands a stored report to the review pipeline. Sending twice is harmless: the consumer is idempotent.</summary>
    public Task QueueForReviewAsync(Report report, CancellationToken ct) =>
        _review.SendMessageAsync(Json.Serialize(new ReviewIntakeMessage(report.Id, report.TrackingNumber, report.UnitId)), ct);
}
