using InfoFunctions.Notifications;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// The intake step of the pipeline: checks, near-duplicate search, assignment, then the transition
/// out of Received. Idempotent: a report no longer in Received is left alone, and the transition is
/// committed at the ETag read at the start, so of two deliveries only one takes effect. The receipt goes out
/// before the transition (a delivery that dies before committing is repeated, and the receipt's key sends it once);
/// the checks-failed notice is committed with the transition in its outbox.
/// </summary>
public sealed class IntakeProcessor(
    ReportStore reports, FingerprintStore fingerprints, EditorAssigner assigner,
    AttachmentStore attachments, MessageOutbox outbox, IPersonLookup people, Receipts receipts, TimeProvider time,
    FormatChecks checks, ILogger<IntakeProcessor> log)
{
    /// <summary>True when this call moved the report; false when there was nothing (more) to do.</summary>
    public async Task<bool> ProcessAsync(ReviewIntakeMessage msg, CancellationToken ct)
    {
        var found = await reports.GetAsync(msg.ReportId, ct);
        if (found is not { } f || f.Report.Status != ReportStatus.Received) return false;
        var (report, etag) = f;
        var now = time.GetUtcNow();
        // Before the transition: if this delivery dies after it, the receipt has still gone (its key sends it once).
        await receipts.SendAsync(report, ct);

        var unreadable = new List<string>();
        foreach (var a in report.Attachments)
        {
            try
            {
                await using var s = await attachments.OpenAsync(report.Id, a.Name, ct);
                var buffer = new byte[1];
                if (await s.ReadAsync(buffer, ct) == 0) unreadable.Add(a.Name);
            }
            catch (RequestFailedException) { unreadable.Add(a.Name); }
        }
        var fixes = IntakeChecks.Run(report, unreadable, await checks.RulesAsync(ct));

        var sig = NearDuplicates.Signature(report.Title + "\n" + report.Body);
        var dup = await fingerprints.RecordAndFindAsync(report, sig, ct);

        var seq = await reports.NextSequenceAsync(report, ct);
        var extras = new Dictionary<string, object?>();
        if (dup is not null)
        {
            extras["DuplicateTracking"] = dup.TrackingNumber;
            extras["DuplicateSimilarity"] = Math.Round(dup.Similarity, 2);
        }
        var dupNote = dup is null ? ""
            : $"疑似与稿件 {dup.TrackingNumber}《{dup.Title}》重复（相似度 {Math.Round(dup.Similarity * 100)}%）。";

        ReportEvent ev;
        Report updated;
        if (fixes.Count > 0)
        {
            extras["Fixes"] = string.Join("\n", fixes);
            updated = report with { Status = ReportStatus.ChecksFailed };
            ev = new(report.Id, seq, ReviewService.ActionCode(ReviewAction.FailChecks), ReviewRules.SystemActor, now,
                "格式检查未通过：" + string.Join(" ", fixes) + dupNote, ReportRows.StatusName(report.Status),
                ReportRows.StatusName(updated.Status), dup?.ReportId);
        }
        else
        {
            var editor = await assigner.AssignAsync(report, ct);
            updated = report with { Status = ReportStatus.AwaitingEdit, EditorId = editor?.Id };
            extras["AssignedTo"] = editor?.Id;
            ev = new(report.Id, seq, ReviewService.ActionCode(ReviewAction.PassChecks), ReviewRules.SystemActor, now,
                (editor is null ? "格式检查通过，暂无在岗编辑。" : $"格式检查通过，分配给编辑{editor.Name}。") + dupNote,
                ReportRows.StatusName(report.Status), ReportRows.StatusName(updated.Status), dup?.ReportId);
        }

        // The author is told what to fix by a notice committed with the transition.
        var notice = fixes.Count > 0 && await people.FindByIdAsync(report.SubmittedBy, ct) is not null
            ? [NotificationQueue.Outgoing(NotificationMessage.Create(ReportRows.EventId(report.Id, seq),
                Templates.IntakeChecksFailed, NotificationTo.Person(report.SubmittedBy),
                new { reportId = report.Id, title = report.Title, trackingNumber = report.TrackingNumber, fixes }))]
            : Array.Empty<OutboxMessage>();
        var outgoing = await outbox.StageAsync(StorageNames.Tables.Reports, report.UnitId, notice, ct);
        // another delivery got there first
        if (await reports.CommitAsync(updated, etag, ev, extras, outbox: outgoing, ct: ct) is null) return false;
        await outbox.SendAsync(outgoing);
        OpsLog.Write(log, "intake-checked", ("report", report.Id), ("status", updated.Status),
            ("latencySeconds", Math.Round((now - report.SubmittedAt).TotalSeconds, 1)));
        return true;
    }
}
