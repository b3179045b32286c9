using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

public sealed record ForwardTarget(string? CarrierId, DateOnly? Date);

public sealed record AdoptionInput(
    string? CarrierId, DateOnly? AdoptedOn, string? Issue, string? Page, string? Url, string? Evidence,
    string? EndorsementLevel, string? EndorsedBy, string? EndorsementText);

/// <summary>The body of <c>POST reports/{id}/review/{action}</c>; which fields matter depends on the action.</summary>
public sealed record ActionRequest(
    string? Comment = null, string? Title = null, string? Body = null, IReadOnlyList<ForwardTarget>? Carriers = null,
    string? CarrierId = null, AdoptionInput? Adoption = null);

/// <summary>What an action came to: the new report and ETag, or a problem (status, code, Chinese detail) and the current report.</summary>
public sealed record ActionOutcome(int Status, Report? Report, ETag ETag, string? Code = null, string? Detail = null)
{
    public bool Ok => Status is 200;
}

/// <summary>
/// Applies review actions: asks <see cref="ReviewRules"/>, validates the action's data, then commits
/// report + event (+ version / carrier rows) in one transaction at the caller's ETag. Ledger messages
/// and notices go out after the commit; ledger messages are kept on the event row until confirmed
/// queued, so a retry re-sends them (the rewards side de-duplicates by event id).
/// </summary>
public sealed class ReviewService(
    ReportStore reports, ReviewStore store, CarrierStore carriers, NotificationQueue notices, QueueServiceClient queues,
    IPersonLookup people, BlobServiceClient blobs, TimeProvider time)
{
    /// <summary>Evidence files sit beside the report's attachments under this prefix.</summary>
    public const string EvidencePrefix = "evidence/";
    private readonly QueueClient _ledger = queues.GetQueueClient(StorageNames.Queues.Ledger);
    private readonly QueueClient _review = queues.GetQueueClient(StorageNames.Queues.Review);

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), BusinessTime.Zone).DateTime);

    public async Task<ActionOutcome> ApplyAsync(Principal who, string reportId, ETag ifMatch, ReviewAction action, ActionRequest req, CancellationToken ct)
    {
        var found = await reports.GetAsync(reportId, ct);
        if (found is not { } f) return new(404, null, default, "not-found", $"未找到稿件 {reportId}。");
        var (report, etag) = f;
        if (etag != ifMatch)
            return new(412, report, etag, "precondition-failed", $"稿件已被他人修改，当前状态为“{ReviewRules.StatusName(report.Status)}”；请刷新后再办理。");

        var decision = ReviewRules.Decide(report, action, who, req.Comment);
        if (!decision.Allowed) return new(decision.HttpStatus, report, etag, decision.Code, decision.Reason);

        if (action is ReviewAction.Adopt or ReviewAction.NotAdopted or ReviewAction.CorrectAdoption or ReviewAction.Forward)
            await ResendLedgerAsync(report.Id, ct);

        var now = time.GetUtcNow();
        var events = await reports.EventsAsync(report.Id, ct);
        var seq = events.Count + 1;
        var eventId = ReviewStore.EventId(report.Id, seq);
        var updated = report with { Status = decision.Next };
        var rows = new List<TableEntity>();
        var extras = new Dictionary<string, object?>();
        var ledger = new List<LedgerMessage>();
        var comment = req.Comment?.Trim();
        IReadOnlyList<CarrierRecord> existing = [];
        if (action is ReviewAction.Forward or ReviewAction.Adopt or ReviewAction.NotAdopted or ReviewAction.CorrectAdoption)
            existing = await store.CarriersAsync(report.Id, ct);

        switch (action)
        {
            case ReviewAction.StartEdit:
                updated = updated with { EditorId = who.Id };
                break;
            case ReviewAction.SaveEdit:
            case ReviewAction.Resubmit when req.Body is not null || req.Title is not null:
            {
                var versions = await store.VersionsAsync(report, ct);
                var last = versions[^1];
                var title = PlainText.Normalize(req.Title ?? last.Title).Replace('\n', ' ');
                var body = PlainText.Clean(req.Body ?? last.Body);
                if (title.Length == 0 || body.Length == 0)
                    return new(400, report, etag, "invalid-version", "标题和正文不能为空。");
                if (title.Length > ReportRules.MaxTitleLength || body.Length > ReportStore.MaxBodyLength)
                    return new(400, report, etag, "invalid-version", "标题或正文过长。");
                var kind = action == ReviewAction.SaveEdit ? "edit" : "revision";
                rows.Add(store.VersionEntity(report.Id, new ReportVersion(versions.Count + 1, kind, title, body, who.Id, now, comment)));
                extras["Version"] = versions.Count + 1;
                if (action == ReviewAction.Resubmit) updated = updated with { Round = report.Round + 1 };
                break;
            }
            case ReviewAction.Resubmit:
                updated = updated with { Round = report.Round + 1 };
                break;
            case ReviewAction.Forward:
            {
                if (req.Carriers is not { Count: > 0 })
                    return new(400, report, etag, "carriers-required", "报送须至少指定一个载体。");
                foreach (var t in req.Carriers)
                {
                    var carrier = t.CarrierId is null ? null : await carriers.GetAsync(t.CarrierId, ct);
                    if (carrier is null || !carrier.Value.Active)
                        return new(400, report, etag, "unknown-carrier", $"载体“{t.CarrierId}”不存在或已停用。");
                    if (existing.Any(x => x.CarrierId == carrier.Value.Id))
                        return new(409, report, etag, "already-forwarded", $"稿件已报送{carrier.Value.Name}。");
                    rows.Add(store.CarrierEntity(report.Id, new CarrierRecord(carrier.Value.Id, carrier.Value.Name, Outcomes.Forwarded, t.Date ?? Today(), who.Id)));
                }
                comment ??= "报送：" + string.Join("、", rows.Select(r => r.GetString("CarrierName")));
                break;
            }
            case ReviewAction.Adopt:
            case ReviewAction.CorrectAdoption:
            {
                var a = req.Adoption;
                if (a?.CarrierId is null || a.AdoptedOn is null)
                    return new(400, report, etag, "adoption-required", "登记采用须填写载体和采用日期。");
                var target = existing.FirstOrDefault(x => x.CarrierId == a.CarrierId);
                if (target is null)
                    return new(400, report, etag, "not-forwarded", $"稿件未报送载体“{a.CarrierId}”，不能登记采用。");
                if (a.Evidence is { } evidence && !(evidence.Length <= 500 && (evidence.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || evidence.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                        || (evidence.StartsWith(EvidencePrefix, StringComparison.Ordinal) && await EvidenceExistsAsync(report.Id, evidence, ct)))))
                    return new(400, report, etag, "invalid-evidence", "采用证明应为已上传的证明文件（POST /api/reports/{id}/evidence/{文件名} 的返回值）或网页链接。");
                CarrierRecord? replaced = null;
                if (action == ReviewAction.Adopt && target.Outcome == Outcomes.Adopted)
                    return new(409, report, etag, "already-adopted", $"{target.CarrierName}的采用已登记；如有错误请办理“更正采用登记”。");
                if (action == ReviewAction.CorrectAdoption)
                {
                    // The correction names the adoption it reverses: req.CarrierId (default: the same carrier).
                    replaced = existing.FirstOrDefault(x => x.CarrierId == (req.CarrierId ?? a.CarrierId) && x.Outcome == Outcomes.Adopted);
                    if (replaced is null)
                        return new(400, report, etag, "nothing-to-correct", "没有可更正的采用登记。");
                    if (replaced.CarrierId != target.CarrierId)
                        rows.Add(store.CarrierEntity(report.Id, replaced with { Outcome = Outcomes.Forwarded, AdoptedOn = null, Issue = null, Page = null, Url = null, Evidence = null, EndorsementLevel = null, EndorsedBy = null, EndorsementText = null, EventId = null, Note = "采用登记已更正至其他载体" }));
                }
                rows.Add(store.CarrierEntity(report.Id, target with
                {
                    Outcome = Outcomes.Adopted, AdoptedOn = a.AdoptedOn, Issue = a.Issue, Page = a.Page, Url = a.Url, Evidence = a.Evidence,
                    EndorsementLevel = a.EndorsementLevel, EndorsedBy = a.EndorsedBy, EndorsementText = a.EndorsementText, EventId = eventId, Note = comment,
                }));
                var occurred = new DateTimeOffset(a.AdoptedOn.Value.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
                var authors = report.Authors.Where(x => x.PersonId is not null).Select(x => new LedgerAuthor(x.PersonId!, x.Name, x.Share)).ToList();
                ledger.Add(new LedgerMessage(eventId, replaced is null ? LedgerEventKind.Adoption : LedgerEventKind.AdoptionCorrection,
                    report.Id, report.TrackingNumber, report.UnitId, authors, occurred, who.Id, a.CarrierId, replaced?.EventId, Note: comment));
                if (!string.IsNullOrWhiteSpace(a.EndorsementLevel) && (replaced is null || replaced.EndorsementLevel != a.EndorsementLevel))
                    ledger.Add(new LedgerMessage(eventId + "-endorsement", LedgerEventKind.Endorsement, report.Id, report.TrackingNumber, report.UnitId,
                        authors, occurred, who.Id, a.CarrierId, EndorsementLevel: a.EndorsementLevel.Trim(), Note: a.EndorsedBy));
                comment = (action == ReviewAction.Adopt ? "" : comment + "；") + $"{target.CarrierName}采用" + (a.Issue is null ? "" : $"（{a.Issue}）");
                extras["CarrierId"] = a.CarrierId;
                extras["ReplacesEventId"] = replaced?.EventId;
                break;
            }
            case ReviewAction.NotAdopted:
            {
                var target = existing.FirstOrDefault(x => x.CarrierId == req.CarrierId);
                if (target is null || target.Outcome != Outcomes.Forwarded)
                    return new(400, report, etag, "not-forwarded", $"稿件未报送载体“{req.CarrierId}”或已有采用结果。");
                rows.Add(store.CarrierEntity(report.Id, target with { Outcome = Outcomes.NotAdopted, Note = comment }));
                comment = $"{target.CarrierName}未采用" + (comment is null ? "" : "：" + comment);
                extras["CarrierId"] = target.CarrierId;
                break;
            }
        }

        if (ledger.Count > 0)
        {
            extras["Ledger"] = JsonSerializer.Serialize(ledger, Json.Options);
            extras["LedgerSent"] = false;
        }
        var ev = new ReportEvent(report.Id, seq, ActionCode(action), who.Id, now, comment, report.Status.ToString(), updated.Status.ToString());
        ETag newTag;
        try { newTag = await store.CommitAsync(updated, etag, ev, extras, rows, ct); }
        catch (ConcurrencyException)
        {
            var current = await reports.GetAsync(reportId, ct);
            return new(412, current?.Report, current?.ETag ?? default, "precondition-failed",
                $"稿件已被他人修改，当前状态为“{ReviewRules.StatusName(current?.Report.Status ?? report.Status)}”；请刷新后再办理。");
        }

        await ResendLedgerAsync(report.Id, ct);
        await NotifyAsync(updated, action, ev, eventId, req, rows, ct);
        if (action == ReviewAction.Resubmit && updated.Status == ReportStatus.Received)
            await _review.SendMessageAsync(Json.Serialize(new ReviewIntakeMessage(report.Id, report.TrackingNumber, report.UnitId)), ct);
        return new(200, updated, newTag);
    }

    public async Task<bool> EvidenceExistsAsync(string reportId, string evidence, CancellationToken ct) =>
        !evidence.Contains("..") && (await blobs.GetBlobContainerClient(StorageNames.Containers.Attachments)
            .GetBlobClient(AttachmentStore.BlobName(reportId, evidence)).ExistsAsync(ct)).Value;

    /// <summary>Queues the ledger messages of events not yet marked sent; safe to repeat.</summary>
    public async Task ResendLedgerAsync(string reportId, CancellationToken ct)
    {
        foreach (var (row, json) in await store.PendingLedgerAsync(reportId, ct))
        {
            foreach (var m in JsonSerializer.Deserialize<List<LedgerMessage>>(json, Json.Options) ?? [])
                await _ledger.SendMessageAsync(Json.Serialize(m), ct);
            await store.MarkLedgerSentAsync(row, ct);
        }
    }

    public static string ActionCode(ReviewAction a) => JsonNamingPolicy.CamelCase.ConvertName(a.ToString());

    private async Task NotifyAsync(Report r, ReviewAction action, ReportEvent ev, string eventId, ActionRequest req, List<TableEntity> rows, CancellationToken ct)
    {
        var author = r.SubmittedBy;
        if (await people.FindByIdAsync(author, ct) is null) return; // the bootstrap admin or a removed person: no one to tell
        switch (action)
        {
            case ReviewAction.Return:
                var editor = await people.FindByIdAsync(ev.Who, ct);
                await notices.EnqueueAsync(NotificationMessage.Create(eventId, Templates.ReturnedForRevision, NotificationTo.Person(author),
                    new { title = r.Title, trackingNumber = r.TrackingNumber, editorName = editor?.Name ?? ev.Who, comments = ev.Why ?? "" }), ct);
                break;
            case ReviewAction.Forward:
                var signOff = (await reports.EventsAsync(r.Id, ct)).LastOrDefault(e => e.What == ActionCode(ReviewAction.SignOff));
                var signer = signOff is null ? null : await people.FindByIdAsync(signOff.Who, ct);
                await notices.EnqueueAsync(NotificationMessage.Create(eventId, Templates.ForwardedAfterSignOff, NotificationTo.Person(author),
                    new
                    {
                        title = r.Title, trackingNumber = r.TrackingNumber, signerName = signer?.Name ?? "签发人",
                        signedAt = TimeZoneInfo.ConvertTime(signOff?.At ?? ev.At, BusinessTime.Zone).ToString("yyyy-MM-dd"),
                        forwardedTo = string.Join("、", rows.Select(x => x.GetString("CarrierName"))),
                    }), ct);
                break;
            case ReviewAction.Adopt:
                var a = req.Adoption!;
                var name = rows.Last().GetString("CarrierName");
                await notices.EnqueueAsync(NotificationMessage.Create(eventId, Templates.Adopted, NotificationTo.Person(author),
                    new { title = r.Title, trackingNumber = r.TrackingNumber, carrier = name, issue = a.Issue ?? "", points = "待结算", reward = "待结算" }), ct);
                break;
        }
    }
}
