using InfoFunctions.DirectoryFeature;
using InfoFunctions.Notifications;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// Applies review actions: asks <see cref="ReviewRules"/>, checks the action's data (<see cref="ReviewTransition"/>),
/// then commits report + event (+ version / carrier rows) in one transaction at the caller's ETag, with the messages
/// the change implies (ledger facts, the authors' notices, a resubmission's review step) in its outbox, sent
/// right after (their consumers de-duplicate by event id). Every refusal carries the report's current state.
/// </summary>
public sealed class ReviewService(
    ReportStore reports,
    ReviewStore store,
    EvidenceService evidence,
    CarrierStore carriers,
    MessageOutbox outbox,
    IPersonLookup people,
    IOptions<ReviewOptions> options,
    TimeProvider time
)
{
    /// <summary>
    /// What is checked before the body is read: a known action, a report the caller's unit may act on, If-Match.
    /// </summary>
    public static Result<ReviewCommand> Admit(Principal who, string reportId, string action, string? ifMatch)
    {
        if (!ReviewRules.TryParseAction(action, out var act))
            return Problem.NotFound($"操作“{action}”");
        if (!ReportIds.TryParse(reportId, out var unit, out _))
            return Problem.NotFound($"稿件 {reportId}");
        if (!who.CanAccessUnit(unit))
            return Problem.Forbidden("您只能办理本单位的稿件。");
        if (string.IsNullOrWhiteSpace(ifMatch))
            return Problem.IfMatchRequired() with
            {
                Detail = "请在 If-Match 请求头中提供读取稿件时得到的 ETag，以免覆盖他人的修改。",
            };
        return new ReviewCommand(reportId, act, ifMatch);
    }

    /// <summary>
    /// Applies one action. <paramref name="added"/>: files already stored beside the report that the action adds to
    /// it (an author's revision by mail brings its attachments).
    /// </summary>
    public async Task<Result<Versioned<ReportState>>> ApplyAsync(
        Principal who,
        ReviewCommand command,
        ActionRequest req,
        CancellationToken ct,
        IReadOnlyList<Attachment>? added = null
    )
    {
        var found = await reports.GetAsync(command.ReportId, ct);
        if (found is null)
            return Problem.NotFound($"稿件 {command.ReportId}");
        var (report, etag) = found.Value;
        var current = new ReportState(report, etag.ToString());
        if (etag != new ETag(command.IfMatch))
            return Stale(current);
        var action = command.Action;
        var decision = ReviewRules.Decide(report, action, who, req.Comment);
        if (decision.Allowed && action == ReviewAction.SignOff && !options.Value.AllowSelfSignOff)
            decision = ReviewRules.SignOffBy(report, who, await reports.EventsAsync(report.Id, ct));
        if (!decision.Allowed)
            return decision.ToProblem() with { Current = current, ETag = current.Etag };

        var touchesCarriers =
            action
            is ReviewAction.Forward
                or ReviewAction.Adopt
                or ReviewAction.NotAdopted
                or ReviewAction.CorrectAdoption;
        var sequence = await reports.NextSequenceAsync(report, ct);
        var eventId = ReportRows.EventId(report.Id, sequence);
        var now = time.GetUtcNow();
        var change = new ReviewTransition(report, decision.Next, eventId, who, now, req.Comment?.Trim());
        var existing = touchesCarriers ? await store.CarriersAsync(report.Id, ct) : [];
        var planned = action switch
        {
            ReviewAction.StartEdit => Done(change.StartEdit),
            ReviewAction.SaveEdit => change.NewVersion(await store.VersionsAsync(report, ct), req, revision: false),
            ReviewAction.Resubmit when req.Body is not null || req.Title is not null => change.NewVersion(
                await store.VersionsAsync(report, ct),
                req,
                revision: true
            ),
            ReviewAction.Resubmit => Done(change.Resubmit),
            ReviewAction.Forward => change.Forward(req.Carriers, await CarriersAsync(req.Carriers, ct), existing),
            ReviewAction.Adopt or ReviewAction.CorrectAdoption => change.Adopt(
                req.Adoption,
                req.CarrierId,
                existing,
                correction: action == ReviewAction.CorrectAdoption,
                await evidence.IsValidAsync(report.Id, req.Adoption?.Evidence, ct)
            ),
            ReviewAction.NotAdopted => change.NotAdopted(req.CarrierId, existing),
            _ => Result.Ok,
        };
        if (planned.IsOk && req.ConfirmAuthors is { Count: > 0 } confirm)
            planned = change.ConfirmAuthors(action, confirm);
        if (!planned.IsOk)
            return planned.Problem! with { Current = current, ETag = current.Etag };
        if (added is { Count: > 0 })
            change.AddAttachments(added);

        var updated = change.Updated;
        var ev = new ReportEvent(
            report.Id,
            sequence,
            ActionCode(action),
            who.Id,
            now,
            change.Comment,
            ReportRows.StatusName(report.Status),
            ReportRows.StatusName(updated.Status)
        );
        var messages = await MessagesAsync(updated, action, ev, req, change, ct);
        var outgoing = await outbox.StageAsync(StorageNames.Tables.Reports, report.UnitId, messages, ct);
        if (
            await reports.CommitAsync(updated, etag, ev, change.Extras, change.Rows, outbox: outgoing, ct: ct)
            is not { } newTag
        )
            return await reports.GetAsync(report.Id, ct) is { } latest
                ? Stale(new ReportState(latest.Report, latest.ETag.ToString()))
                : Problem.NotFound($"稿件 {report.Id}");

        await outbox.SendAsync(outgoing);
        var state = new ReportState(updated, newTag.ToString());
        return new Versioned<ReportState>(state, state.Etag);
    }

    private static Result Done(Action step)
    {
        step();
        return Result.Ok;
    }

    private static Problem Stale(ReportState current) =>
        Problem.Stale(current, current.Etag) with
        {
            Detail = $"稿件已被他人修改，当前状态为“{ReviewRules.StatusName(current.Report.Status)}”；请刷新后再办理。",
        };

    private async Task<IReadOnlyList<Carrier?>> CarriersAsync(
        IReadOnlyList<ForwardTarget>? targets,
        CancellationToken ct
    )
    {
        var list = new List<Carrier?>();
        foreach (var t in targets ?? [])
            list.Add(t.CarrierId is null ? null : (await carriers.GetAsync(t.CarrierId, ct))?.Value);
        return list;
    }

    public static string ActionCode(ReviewAction a) => Json.Name(a);

    /// <summary>
    /// What the change implies: its ledger facts, the authors' notices, a resubmission's review step.
    /// </summary>
    private async Task<List<OutboxMessage>> MessagesAsync(
        Report r,
        ReviewAction action,
        ReportEvent ev,
        ActionRequest req,
        ReviewTransition change,
        CancellationToken ct
    )
    {
        var messages = change.Ledger.Select(m => OutboxMessage.Of(StorageNames.Queues.Ledger, m)).ToList();
        messages.AddRange((await NoticesAsync(r, action, ev, req, change, ct)).Select(NotificationQueue.Outgoing));
        if (action == ReviewAction.Resubmit && r.Status == ReportStatus.Received)
            messages.Add(
                OutboxMessage.Of(StorageNames.Queues.Review, new ReviewIntakeMessage(r.Id, r.TrackingNumber, r.UnitId))
            );
        return messages;
    }

    private async Task<IReadOnlyList<NotificationMessage>> NoticesAsync(
        Report r,
        ReviewAction action,
        ReportEvent ev,
        ActionRequest req,
        ReviewTransition change,
        CancellationToken ct
    )
    {
        // Addressed to the submitter; forward and adoption notices then go to every author (ToAuthorsAsync).
        NotificationMessage Notice(string template, object data) =>
            NotificationMessage.Create(
                ReportRows.EventId(r.Id, ev.Sequence),
                template,
                NotificationTo.Person(r.SubmittedBy),
                data
            );
        switch (action)
        {
            case ReviewAction.Return:
                // the bootstrap admin or a removed person: no one to tell
                if (await people.FindByIdAsync(r.SubmittedBy, ct) is null)
                    return [];
                var editor = await people.FindByIdAsync(ev.Who, ct);
                return
                [
                    Notice(
                        Templates.ReturnedForRevision,
                        new
                        {
                            reportId = r.Id,
                            title = r.Title,
                            trackingNumber = r.TrackingNumber,
                            editorName = editor?.Name ?? ev.Who,
                            comments = ev.Why ?? "",
                        }
                    ),
                ];
            case ReviewAction.Forward:
                var signOff = (await reports.EventsAsync(r.Id, ct)).LastOrDefault(e =>
                    e.What == ActionCode(ReviewAction.SignOff)
                );
                var signer = signOff is null ? null : await people.FindByIdAsync(signOff.Who, ct);
                var forwarded = Notice(
                    Templates.ForwardedAfterSignOff,
                    new
                    {
                        reportId = r.Id,
                        title = r.Title,
                        trackingNumber = r.TrackingNumber,
                        signerName = signer?.Name ?? "签发人",
                        signedAt = BusinessTime.DayOf(signOff?.At ?? ev.At).ToString("yyyy-MM-dd"),
                        forwardedTo = string.Join("、", change.CarrierNames),
                    }
                );
                return await ToAuthorsAsync(r, forwarded, ct);
            case ReviewAction.Adopt:
                var adopted = Notice(
                    Templates.Adopted,
                    new
                    {
                        reportId = r.Id,
                        title = r.Title,
                        trackingNumber = r.TrackingNumber,
                        carrier = change.CarrierNames.Last(),
                        issue = req.Adoption!.Issue ?? "",
                        points = "待结算",
                        reward = "待结算",
                    }
                );
                return await ToAuthorsAsync(r, adopted, ct);
            default:
                return [];
        }
    }

    /// <summary>
    /// The notice to the submitter and every co-author with a personId who is in the directory; the key is the
    /// event's, which sends once per address.
    /// </summary>
    private async Task<IReadOnlyList<NotificationMessage>> ToAuthorsAsync(
        Report r,
        NotificationMessage notice,
        CancellationToken ct
    )
    {
        var list = new List<NotificationMessage>();
        // A co-author of another unit hears of the report once an editor has confirmed them.
        var authors = r.Authors.Where(a => !a.Unconfirmed).Select(a => a.PersonId).OfType<string>();
        foreach (var id in authors.Prepend(r.SubmittedBy).Distinct())
            if (await people.FindByIdAsync(id, ct) is not null)
                list.Add(notice with { To = NotificationTo.Person(id) });
        return list;
    }
}
