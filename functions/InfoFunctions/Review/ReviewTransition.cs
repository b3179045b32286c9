using InfoFunctions.DirectoryFeature;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// One allowed action being put together before the commit: the updated report, the rows beside it (a version,
/// carrier records), the event's extra columns and the ledger facts the event implies. Each action's data is
/// checked here; a refusal changes nothing.
/// </summary>
internal sealed class ReviewTransition(
    Report report, ReportStatus next, string eventId, Principal who, DateTimeOffset now, string? comment)
{
    public Report Updated { get; private set; } = report with { Status = next };
    public List<ITableEntity> Rows { get; } = [];
    public Dictionary<string, object?> Extras { get; } = [];
    public string? Comment { get; private set; } = comment;

    /// <summary>The facts for the rewards ledger, committed with the change in its outbox.</summary>
    public List<LedgerMessage> Ledger { get; } = [];

    public IEnumerable<string?> CarrierNames => Rows.OfType<CarrierRow>().Select(r => r.CarrierName);

    public void StartEdit() => Updated = Updated with { EditorId = who.Id };

    public void Resubmit() => Updated = Updated with { Round = report.Round + 1 };

    /// <summary>
    /// The editor confirms co-authors from other units (joint reports happen) while editing or approving; only
    /// confirmed authors earn. The event's comment names them.
    /// </summary>
    public Result ConfirmAuthors(ReviewAction action, IReadOnlyList<string> personIds)
    {
        if (!ReviewRules.IsEditOrApprove(action))
            return Problem.Field("confirmAuthors", "外单位作者须在编辑、送审改或审改通过时确认。");
        var authors = Updated.Authors.ToList();
        var names = new List<string>();
        for (var i = 0; i < personIds.Count; i++)
        {
            var at = authors.FindIndex(a => a.Unconfirmed && a.PersonId == personIds[i]?.Trim());
            if (at < 0) return Problem.Field($"confirmAuthors[{i}]", $"“{personIds[i]}”不是本稿待确认的外单位作者。");
            authors[at] = authors[at] with { Unconfirmed = false };
            names.Add(authors[at].Name);
        }
        Updated = Updated with { Authors = authors };
        Comment = (Comment is null ? "" : Comment + "；") + "确认外单位作者：" + string.Join("、", names);
        return Result.Ok;
    }

    public void AddAttachments(IReadOnlyList<Attachment> files) =>
        Updated = Updated with { Attachments = [.. Updated.Attachments, .. files] };

    /// <summary>A new text version: an editor's edit, or the author's revision when resubmitting.</summary>
    public Result NewVersion(IReadOnlyList<ReportVersion> versions, ActionRequest req, bool revision)
    {
        var last = versions[^1];
        var title = PlainText.Normalize(req.Title ?? last.Title).Replace('\n', ' ');
        var body = PlainText.Clean(req.Body ?? last.Body);
        if (title.Length == 0 || body.Length == 0) return Problem.Invalid("invalid-version", "标题和正文不能为空。");
        if (title.Length > ReportRules.MaxTitleLength || body.Length > ReportStore.MaxBodyLength)
            return Problem.Invalid("invalid-version", "标题或正文过长。");
        var number = versions[^1].Number + 1;
        if (revision) Resubmit();
        var (updated, rows) = ReviewStore.WithVersion(report, Updated, new ReportVersion(number,
            revision ? "revision" : "edit", title, body, who.Id, now, Comment));
        Updated = updated;
        Rows.AddRange(rows);
        Extras["Version"] = number;
        return Result.Ok;
    }

    private DateOnly Today => BusinessTime.DayOf(now);

    /// <summary>报送: to carriers not yet forwarded to; one that prints photos needs a caption for each.</summary>
    public Result Forward(IReadOnlyList<ForwardTarget>? targets, IReadOnlyList<Carrier?> carriers,
        IReadOnlyList<CarrierRecord> existing)
    {
        var images = report.Attachments.Count(a => a.Kind == AttachmentKind.Image);
        var captions = IntakeChecks.Captions(report.Body); // the report row holds the current version
        if (targets is not { Count: > 0 }) return Problem.Invalid("carriers-required", "报送须至少指定一个载体。");
        for (var i = 0; i < targets.Count; i++)
        {
            if (carriers[i] is not { Active: true } carrier)
                return Problem.Invalid("unknown-carrier", $"载体“{targets[i].CarrierId}”不存在或已停用。");
            if (existing.Any(x => x.CarrierId == carrier.Id))
                return Problem.Conflict("already-forwarded", $"稿件已报送{carrier.Name}。");
            if (carrier.RequiresCaptions && images > captions)
                return Problem.Invalid("captions-required", $"{carrier.Name}刊登图片须逐张配说明：稿件附有 {images} 张图片，" +
                    $"正文中只有 {captions} 条“图为……”说明。请补充后再报送，或改报不刊登图片的载体。");
            var day = targets[i].Date ?? Today;
            if (ReviewDates.Check($"carriers[{i}].date", $"报送{carrier.Name}的日期", day, "稿件收稿日期",
                BusinessTime.DayOf(report.SubmittedAt), Today) is { } wrong) return wrong;
            Rows.Add(CarrierRow.Of(report.Id,
                new CarrierRecord(carrier.Id, carrier.Name, Outcomes.Forwarded, day, who.Id)));
        }
        Comment ??= "报送：" + string.Join("、", CarrierNames);
        return Result.Ok;
    }

    /// <summary>登记采用, or 更正采用登记 (which reverses the adoption it names and records the right one).</summary>
    public Result Adopt(AdoptionInput? a, string? correctedCarrierId, IReadOnlyList<CarrierRecord> existing,
        bool correction, bool evidenceOk)
    {
        if (a?.CarrierId is null || a.AdoptedOn is not { } adoptedOn)
            return Problem.Invalid("adoption-required", "登记采用须填写载体和采用日期。");
        var target = existing.FirstOrDefault(x => x.CarrierId == a.CarrierId);
        if (target is null) return Problem.Invalid("not-forwarded", $"稿件未报送载体“{a.CarrierId}”，不能登记采用。");
        if (ReviewDates.Check("adoption.adoptedOn", $"{target.CarrierName}的采用日期", adoptedOn,
            $"报送{target.CarrierName}的日期", target.ForwardedOn, Today) is { } wrong) return wrong;
        if (!evidenceOk)
            return Problem.Invalid("invalid-evidence",
                "采用证明应为已上传的证明文件（POST /api/reports/{id}/evidence/{文件名} 的返回值）或网页链接。");
        CarrierRecord? replaced = null;
        if (!correction && target.Outcome == Outcomes.Adopted)
            return Problem.Conflict("already-adopted", $"{target.CarrierName}的采用已登记；如有错误请办理“更正采用登记”。");
        if (correction)
        {
            // The correction names the adoption it reverses (default: the same carrier).
            replaced = existing.FirstOrDefault(x => x.CarrierId == (correctedCarrierId ?? a.CarrierId)
                && x.Outcome == Outcomes.Adopted);
            if (replaced is null) return Problem.Invalid("nothing-to-correct", "没有可更正的采用登记。");
            if (replaced.CarrierId != target.CarrierId)
                Rows.Add(CarrierRow.Of(report.Id, new CarrierRecord(replaced.CarrierId, replaced.CarrierName,
                    Outcomes.Forwarded,
                    replaced.ForwardedOn, replaced.ForwardedBy, Note: "采用登记已更正至其他载体")));
        }
        Rows.Add(CarrierRow.Of(report.Id, target with
        {
            Outcome = Outcomes.Adopted,
            AdoptedOn = adoptedOn,
            Issue = a.Issue,
            Page = a.Page,
            Url = a.Url,
            Evidence = a.Evidence,
            EndorsementLevel = a.EndorsementLevel,
            EndorsedBy = a.EndorsedBy,
            EndorsementText = a.EndorsementText,
            EventId = eventId,
            Note = Comment,
        }));

        // Points count on the adoption day, at noon Beijing time.
        var occurred = BusinessTime.StartOf(adoptedOn).AddHours(12).ToUniversalTime();
        // Co-authors of other units the editor has not confirmed earn nothing; the others share by their shares.
        var authors = report.Authors.Where(x => x.PersonId is not null && !x.Unconfirmed)
            .Select(x => new LedgerAuthor(x.PersonId!, x.Name, x.Share)).ToList();
        var kind = replaced is null ? LedgerEventKind.Adoption : LedgerEventKind.AdoptionCorrection;
        Ledger.Add(new LedgerMessage(eventId, kind, report.Id, report.TrackingNumber, report.UnitId, authors, occurred,
            who.Id, a.CarrierId, replaced?.EventId, Note: Comment));
        var newEndorsement = replaced is null || replaced.EndorsementLevel != a.EndorsementLevel;
        if (!string.IsNullOrWhiteSpace(a.EndorsementLevel) && newEndorsement)
            Ledger.Add(new LedgerMessage(eventId + "-endorsement", LedgerEventKind.Endorsement, report.Id,
                report.TrackingNumber, report.UnitId, authors, occurred, who.Id, a.CarrierId,
                EndorsementLevel: a.EndorsementLevel.Trim(), Note: a.EndorsedBy));
        var issue = a.Issue is null ? "" : $"（{a.Issue}）";
        Comment = (correction ? Comment + "；" : "") + $"{target.CarrierName}采用" + issue;
        Extras["CarrierId"] = a.CarrierId;
        Extras["ReplacesEventId"] = replaced?.EventId;
        return Result.Ok;
    }

    public Result NotAdopted(string? carrierId, IReadOnlyList<CarrierRecord> existing)
    {
        var target = existing.FirstOrDefault(x => x.CarrierId == carrierId);
        if (target is null || target.Outcome != Outcomes.Forwarded)
            return Problem.Invalid("not-forwarded", $"稿件未报送载体“{carrierId}”或已有采用结果。");
        Rows.Add(CarrierRow.Of(report.Id, target with { Outcome = Outcomes.NotAdopted, Note = Comment }));
        Comment = $"{target.CarrierName}未采用" + (Comment is null ? "" : "：" + Comment);
        Extras["CarrierId"] = target.CarrierId;
        return Result.Ok;
    }
}
