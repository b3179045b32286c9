using System.Security.Cryptography;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Notifications;
using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>
/// 约稿: create and notify, read (office roles see every addressee, others their own), accept or decline,
/// link reports, and each addressee's status from the reports that count for it.
/// </summary>
public sealed class TopicService(
    TopicStore topics, ReportReader reader, ReportStore reports, UnitStore units, CarrierStore carriers,
    IPersonLookup people, MessageOutbox outbox, TimeProvider time)
{
    private static readonly Problem NotFound = Problem.NotFound("该约稿");
    private static readonly Problem NotAddressee = Problem.Forbidden("您（或您所在单位）不是该约稿的对象。");
    private static readonly Problem NotLinkable = Problem.Invalid("report-not-linkable",
        "没有可关联的稿件：只能关联本单位（个人约稿须为本人署名）的稿件，请核对稿件编号（reportId）。",
        [new FieldError("reportId", "没有可关联的稿件。")]);

    public async Task<Result<TopicView>> CreateAsync(TopicInput input, Principal who, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (ok, errors, category, deadline) = TopicRules.Validate(input, BusinessTime.DayOf(now));
        if (ok is null) return Problem.Invalid(errors);

        var addressees = new List<TopicAddressee>();
        var problems = new List<FieldError>();
        foreach (var unitId in (input.UnitIds ?? []).Select(u => u.Trim()).Distinct())
        {
            if (ReportRules.IsValidUnitId(unitId) && await units.GetAsync(unitId, ct) is { Value.Active: true } u)
                addressees.Add(TopicAddressee.New(unitId, null, u.Value.Name));
            else problems.Add(new("unitIds", $"单位“{unitId}”不存在或已停用。"));
        }
        foreach (var personId in (input.PersonIds ?? []).Select(p => p.Trim()).Distinct())
        {
            if (await people.FindByIdAsync(personId, ct) is { Active: true } p)
                addressees.Add(TopicAddressee.New(p.UnitId, personId, p.Name));
            else problems.Add(new("personIds", $"人员“{personId}”不存在或已停用。"));
        }
        var carrierId = string.IsNullOrWhiteSpace(input.CarrierId) ? null : input.CarrierId.Trim();
        if (carrierId is not null && await carriers.GetAsync(carrierId, ct) is not { Value.Active: true })
            problems.Add(new("carrierId", $"载体“{input.CarrierId}”不存在或已停用。"));
        if (problems.Count > 0) return Problem.Invalid(problems);

        var id = $"t{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var topic = new Topic(id, input.Title!.Trim(), input.Brief?.Trim() ?? "", category, carrierId,
            deadline, input.PenalizeMiss ?? true, who.Id, who.Name, now);
        // Each addressee's notice is committed with the topic (its outbox) and sent right after.
        var notices = addressees.Select(a => NotificationQueue.Outgoing(NotificationMessage.Create(
            $"topic:{topic.Id}:{a.Key}:assigned", Templates.TopicAssigned, a.NotifyTo(), new
            {
                topic = topic.Title,
                deadline = BusinessTime.ChineseDate(topic.DeadlineDay),
                requirements = Requirements(topic),
                assignedBy = who.Name,
                topicId = topic.Id,
            })));
        var outgoing = await outbox.StageAsync(StorageNames.Tables.Topics, topic.Id, notices, ct);
        await topics.CreateAsync(topic, addressees, outgoing, ct);
        await outbox.SendAsync(outgoing);
        return (await ViewAsync(topic.Id, ct))!;
    }

    private static string Requirements(Topic t) => string.Join("\n", new[]
    {
        t.Brief, t.Category is { } c ? "类别：" + Categories.ChineseName(c) : null,
            t.CarrierId is { } k ? "拟报载体：" + k : null,
    }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>
    /// Office roles see every addressee; others only theirs, and nothing of a topic not addressed to them.
    /// </summary>
    public async Task<Result<TopicView>> GetAsync(string id, Principal who, CancellationToken ct) =>
        await ViewAsync(id, ct) is { } view && VisibleTo(view, who) is { } visible ? visible : NotFound;

    /// <summary>
    /// Topics whose deadline falls in [from, to] (<c>yyyy-MM-dd</c>, either may be missing) that the caller may see.
    /// </summary>
    public async Task<Result<IReadOnlyList<TopicView>>> ListAsync(
        Principal who, string? from, string? to, CancellationToken ct)
    {
        if (!TryDay(from, out var first)) return Problem.Invalid("invalid-date", "from 应为 yyyy-MM-dd。");
        if (!TryDay(to, out var last)) return Problem.Invalid("invalid-date", "to 应为 yyyy-MM-dd。");
        var list = new List<TopicView>();
        foreach (var t in await topics.ListAsync(first, last, ct))
            if (await ViewAsync(t.Id, ct) is { } v && VisibleTo(v, who) is { } visible) list.Add(visible);
        return list;
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!BusinessTime.TryParseDay(text, out var d)) return false;
        day = d;
        return true;
    }

    private static TopicView? VisibleTo(TopicView v, Principal who)
    {
        if (who.IsInRole(Role.Office)) return v;
        var mine = v.Addressees.Where(a => a.PersonId == who.Id || (a.PersonId is null && a.UnitId == who.UnitId))
            .ToList();
        return mine.Count == 0 ? null : v with { Addressees = mine };
    }

    public async Task<Result<TopicView>> RespondAsync(
        string id, Principal who, TopicResponseInput input, CancellationToken ct)
    {
        if (input.Accept is not { } accept)
            return Problem.Invalid("invalid-request", "请说明接受（accept: true）或谢绝（accept: false）。");
        if (!accept && string.IsNullOrWhiteSpace(input.Reason))
            return Problem.Invalid("invalid-request", "谢绝约稿须说明理由（reason）。");
        return await UpdateMineAsync(id, who, a => a with
        {
            Response = accept ? TopicResponse.Accepted : TopicResponse.Declined,
            Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
        }, ct);
    }

    public async Task<Result<TopicView>> LinkAsync(string id, Principal who, TopicLinkInput input, CancellationToken ct)
    {
        if (await topics.GetAsync(id, ct) is not { } found) return NotFound;
        if (Mine(found.Addressees, who) is not { } mine) return NotAddressee;
        // A missing report and one the addressee may not link get the same answer: no probing other units' ids.
        if (string.IsNullOrWhiteSpace(input.ReportId)
            || await reports.GetAsync(input.ReportId.Trim(), ct) is not { Report: var report }
            || report.UnitId != mine.A.UnitId || (mine.A.PersonId is { } p
                && report.SubmittedBy != p && report.Authors.All(x => x.PersonId != p)))
            return NotLinkable;
        return await UpdateMineAsync(id, who, a => a.LinkedReports.Contains(report.Id)
            ? a : a with { LinkedReports = [.. a.LinkedReports, report.Id] }, ct);
    }

    /// <summary>The addressee entry the caller answers for: themselves, else their unit (officers).</summary>
    private static (TopicAddressee A, ETag ETag)? Mine(List<(TopicAddressee A, ETag ETag)> list, Principal who) =>
        list.FirstOrDefault(x => x.A.PersonId == who.Id) is { A: not null } mine ? mine
        : list.FirstOrDefault(x => x.A.PersonId is null && x.A.UnitId == who.UnitId && who.IsInRole(Role.Officer))
            is { A: not null } unit ? unit : null;

    private async Task<Result<TopicView>> UpdateMineAsync(
        string id, Principal who, Func<TopicAddressee, TopicAddressee> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await topics.GetAsync(id, ct) is not { } found) return NotFound;
            if (Mine(found.Addressees, who) is not { } mine) return NotAddressee;
            if (await topics.ReplaceAsync(id, change(mine.A), mine.ETag, ct)) return (await ViewAsync(id, ct))!;
        }
        return Problem.Conflict("topic-busy", "约稿记录正被他人修改，请稍后重试。");
    }

    /// <summary>
    /// The reports that count for an addressee: explicitly linked ones, and the unit's reports naming the topic.
    /// </summary>
    public async Task<IReadOnlyList<ReportFacts>> ReportsForAsync(Topic t, TopicAddressee a, CancellationToken ct)
    {
        var found = (await reader.UnitAsync(a.UnitId, t.CreatedAt.AddMinutes(-1), time.GetUtcNow().AddMinutes(1), t.Id,
            ct))
            .ToList();
        foreach (var id in a.LinkedReports.Where(id => found.All(f => f.Id != id)))
            if (await reports.GetAsync(id, ct) is { Report: var r })
                found.Add(new ReportFacts(r.Id, r.UnitId, r.Title, r.Category, r.Authors, r.TopicId, r.SubmittedBy,
                    r.SubmittedAt));
        return a.PersonId is { } p ? found.Where(f => f.IsBy(p)).ToList() : found;
    }

    public async Task<TopicView?> ViewAsync(string id, CancellationToken ct)
    {
        if (await topics.GetAsync(id, ct) is not { } found) return null;
        var views = new List<AddresseeView>();
        var now = time.GetUtcNow();
        foreach (var (a, _) in found.Addressees)
        {
            var counted = await ReportsForAsync(found.Topic, a, ct);
            views.Add(new AddresseeView(a.Key, a.UnitId, a.PersonId, a.Name, a.Response, a.Reason,
                TopicRules.Status(found.Topic, a, counted, now), counted.Select(r => r.Id).ToList(),
                a.ReminderSentAt, a.OverdueSentAt));
        }
        return new TopicView(found.Topic, found.Topic.Deadline, views);
    }

    /// <summary>Outcomes of topics whose deadline falls in the period, as the bulletin counts them.</summary>
    public async Task<IReadOnlyList<TopicOutcome>> OutcomesAsync(DispatchPeriod period, CancellationToken ct)
    {
        var list = new List<TopicOutcome>();
        foreach (var t in await topics.ListAsync(period.FirstDay, period.LastDay, ct))
            if (await ViewAsync(t.Id, ct) is { } v)
                list.AddRange(v.Addressees.Select(a => new TopicOutcome(t.Id, a.UnitId, a.PersonId, a.Status)));
        return list;
    }
}
