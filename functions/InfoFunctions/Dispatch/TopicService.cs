using Azure.Storage.Queues;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Dispatch;

/// <summary>约稿: create and notify, accept/decline, link reports, status, reminders and overdue notices (once each).</summary>
public sealed class TopicService(
    TopicStore topics, ReportReader reader, ReportStore reports, UnitStore units, CarrierStore carriers, IPersonLookup people,
    NotificationQueue notifications, QueueServiceClient queues, IOptions<DispatchOptions> options, TimeProvider time)
{
    public const string PenaltyKind = "missedTopic";
    private readonly QueueClient _ledger = queues.GetQueueClient(StorageNames.Queues.Ledger);

    public async Task<(TopicView? View, IReadOnlyList<FieldError> Errors)> CreateAsync(TopicInput input, Principal who, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (ok, errors, category, deadline) = TopicRules.Validate(input, Cst.Today(now));
        if (ok is null) return (null, errors);

        var addressees = new List<TopicAddressee>();
        var problems = new List<FieldError>();
        foreach (var unitId in (input.UnitIds ?? []).Select(u => u.Trim()).Distinct())
        {
            if (ReportRules.IsValidUnitId(unitId) && await units.GetAsync(unitId, ct) is { Value.Active: true } u)
                addressees.Add(new(TopicAddressee.KeyFor(unitId, null), unitId, null, u.Value.Name, TopicResponse.Pending, null, [], null, null));
            else problems.Add(new("unitIds", $"单位“{unitId}”不存在或已停用。"));
        }
        foreach (var personId in (input.PersonIds ?? []).Select(p => p.Trim()).Distinct())
        {
            if (await people.FindByIdAsync(personId, ct) is { Active: true } p)
                addressees.Add(new(TopicAddressee.KeyFor(null, personId), p.UnitId, personId, p.Name, TopicResponse.Pending, null, [], null, null));
            else problems.Add(new("personIds", $"人员“{personId}”不存在或已停用。"));
        }
        if (!string.IsNullOrWhiteSpace(input.CarrierId) && await carriers.GetAsync(input.CarrierId.Trim(), ct) is not { Value.Active: true })
            problems.Add(new("carrierId", $"载体“{input.CarrierId}”不存在或已停用。"));
        if (problems.Count > 0) return (null, problems);

        var topic = new Topic("t" + now.ToString("yyyyMMdd") + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)),
            input.Title!.Trim(), input.Brief?.Trim() ?? "", category, string.IsNullOrWhiteSpace(input.CarrierId) ? null : input.CarrierId.Trim(),
            deadline, input.PenalizeMiss ?? true, who.Id, who.Name, now);
        await topics.CreateAsync(topic, addressees, ct);
        foreach (var a in addressees)
            await notifications.EnqueueAsync(NotificationMessage.Create($"topic:{topic.Id}:{a.Key}:assigned", Templates.TopicAssigned, To(a), new
            {
                topic = topic.Title, deadline = Cst.ChineseDate(topic.DeadlineDay), requirements = Requirements(topic), assignedBy = who.Name, topicId = topic.Id,
            }), ct);
        return (await ViewAsync(topic.Id, ct), []);
    }

    private static string Requirements(Topic t) =>
        string.Join("\n", new[] { t.Brief, t.Category is { } c ? "类别：" + Categories.ChineseName(c) : null, t.CarrierId is { } k ? "拟报载体：" + k : null }
            .Where(s => !string.IsNullOrWhiteSpace(s)));

    private static NotificationTo To(TopicAddressee a) => a.PersonId is { } p ? NotificationTo.Person(p) : NotificationTo.RoleIn(Role.Officer, a.UnitId);

    /// <summary>The reports that count for an addressee: explicitly linked ones, and the unit's reports naming the topic.</summary>
    private async Task<IReadOnlyList<ReportFacts>> ReportsForAsync(Topic t, TopicAddressee a, CancellationToken ct)
    {
        var found = (await reader.UnitAsync(a.UnitId, t.CreatedAt.AddMinutes(-1), time.GetUtcNow().AddMinutes(1), t.Id, ct)).ToList();
        foreach (var id in a.LinkedReports.Where(id => found.All(f => f.Id != id)))
            if (await reports.GetAsync(id, ct) is { } r)
                found.Add(new ReportFacts(r.Report.Id, r.Report.UnitId, r.Report.Title, r.Report.Category, r.Report.Authors, r.Report.TopicId, r.Report.SubmittedBy, r.Report.SubmittedAt));
        return a.PersonId is { } p ? found.Where(f => f.IsBy(p)).ToList() : found;
    }

    private async Task<AddresseeView> ViewOfAsync(Topic t, TopicAddressee a, CancellationToken ct)
    {
        var counted = await ReportsForAsync(t, a, ct);
        return new AddresseeView(a.Key, a.UnitId, a.PersonId, a.Name, a.Response, a.Reason,
            TopicRules.Status(t, a, counted, time.GetUtcNow()), counted.Select(r => r.Id).ToList(), a.ReminderSentAt, a.OverdueSentAt);
    }

    public async Task<TopicView?> ViewAsync(string id, CancellationToken ct)
    {
        if (await topics.GetAsync(id, ct) is not { } found) return null;
        var views = new List<AddresseeView>();
        foreach (var (a, _) in found.Addressees) views.Add(await ViewOfAsync(found.Topic, a, ct));
        return new TopicView(found.Topic, found.Topic.Deadline, views);
    }

    /// <summary>Topics visible to the caller: office roles see all; others those addressed to their unit or to them.</summary>
    public async Task<IReadOnlyList<TopicView>> ListAsync(Principal who, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var office = who.IsInRole(Role.Office);
        var list = new List<TopicView>();
        foreach (var t in await topics.ListAsync(from, to, ct))
        {
            if (await ViewAsync(t.Id, ct) is not { } v) continue;
            if (!office) v = v with { Addressees = v.Addressees.Where(a => a.PersonId == who.Id || (a.PersonId is null && a.UnitId == who.UnitId)).ToList() };
            if (office || v.Addressees.Count > 0) list.Add(v);
        }
        return list;
    }

    /// <summary>The addressee entry the caller answers for: themselves, else their unit (officers).</summary>
    private static (TopicAddressee A, Azure.ETag ETag)? Mine(List<(TopicAddressee A, Azure.ETag ETag)> list, Principal who) =>
        list.FirstOrDefault(x => x.A.PersonId == who.Id) is { A: not null } mine ? mine
        : list.FirstOrDefault(x => x.A.PersonId is null && x.A.UnitId == who.UnitId && who.IsInRole(Role.Officer)) is { A: not null } unit ? unit : null;

    public enum Outcome { Ok, NotFound, NotAddressee, Invalid, Conflict }

    public async Task<(Outcome Outcome, string? Detail, TopicView? View)> RespondAsync(string id, Principal who, TopicResponseInput input, CancellationToken ct)
    {
        if (input.Accept is null) return (Outcome.Invalid, "请说明接受（accept: true）或谢绝（accept: false）。", null);
        if (input.Accept == false && string.IsNullOrWhiteSpace(input.Reason)) return (Outcome.Invalid, "谢绝约稿须说明理由（reason）。", null);
        if (input.Reason is { Length: > 1000 }) return (Outcome.Invalid, "理由过长（最多 1000 个字符）。", null);
        return await UpdateMineAsync(id, who, a => a with
        {
            Response = input.Accept.Value ? TopicResponse.Accepted : TopicResponse.Declined,
            Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
        }, ct);
    }

    public async Task<(Outcome Outcome, string? Detail, TopicView? View)> LinkAsync(string id, Principal who, TopicLinkInput input, CancellationToken ct)
    {
        if (await topics.GetAsync(id, ct) is not { } found) return (Outcome.NotFound, null, null);
        if (Mine(found.Addressees, who) is not { } mine) return (Outcome.NotAddressee, null, null);
        if (string.IsNullOrWhiteSpace(input.ReportId) || await reports.GetAsync(input.ReportId.Trim(), ct) is not { } r)
            return (Outcome.Invalid, "未找到要关联的稿件（reportId）。", null);
        if (r.Report.UnitId != mine.A.UnitId || (mine.A.PersonId is { } p && r.Report.SubmittedBy != p && r.Report.Authors.All(x => x.PersonId != p)))
            return (Outcome.Invalid, "只能关联本单位（或本人署名）的稿件。", null);
        return await UpdateMineAsync(id, who, a => a.LinkedReports.Contains(r.Report.Id) ? a : a with { LinkedReports = [.. a.LinkedReports, r.Report.Id] }, ct);
    }

    private async Task<(Outcome, string?, TopicView?)> UpdateMineAsync(string id, Principal who, Func<TopicAddressee, TopicAddressee> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await topics.GetAsync(id, ct) is not { } found) return (Outcome.NotFound, null, null);
            if (Mine(found.Addressees, who) is not { } mine) return (Outcome.NotAddressee, null, null);
            if (await topics.ReplaceAsync(id, change(mine.A), mine.ETag, ct)) return (Outcome.Ok, null, await ViewAsync(id, ct));
        }
        return (Outcome.Conflict, "约稿记录正被他人修改，请稍后重试。", null);
    }

    /// <summary>
    /// The reminder timer: one reminder inside the lead time, one overdue notice (and the missed-topic penalty
    /// when the topic carries one) after the deadline. The sent time is stored with an ETag, and the notices'
    /// idempotency keys and the ledger event id make a retry after a crash send nothing twice.
    /// </summary>
    public async Task<(int Reminders, int Overdue)> RunRemindersAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = Cst.Today(now);
        var lead = TimeSpan.FromDays(options.Value.ReminderDaysBefore);
        int reminders = 0, overdue = 0;
        foreach (var t in await topics.ListAsync(today.AddDays(-options.Value.OverdueLookbackDays), today.AddDays(options.Value.ReminderDaysBefore + 1), ct))
        {
            if (await topics.GetAsync(t.Id, ct) is not { } found) continue;
            foreach (var (a, etag) in found.Addressees)
            {
                var status = TopicRules.Status(t, a, await ReportsForAsync(t, a, ct), now);
                var (remind, late) = TopicRules.Due(t, a, status, now, lead);
                if (remind)
                {
                    var daysLeft = Math.Max(1, (int)Math.Ceiling((t.Deadline - now).TotalDays));
                    await notifications.EnqueueAsync(NotificationMessage.Create($"topic:{t.Id}:{a.Key}:reminder", Templates.TopicReminder, To(a),
                        new { topic = t.Title, deadline = Cst.ChineseDate(t.DeadlineDay), daysLeft, topicId = t.Id }), ct);
                    if (await topics.ReplaceAsync(t.Id, a with { ReminderSentAt = now }, etag, ct)) reminders++;
                }
                else if (late)
                {
                    var daysOverdue = Math.Max(1, (int)Math.Ceiling((now - t.Deadline).TotalDays));
                    await notifications.EnqueueAsync(NotificationMessage.Create($"topic:{t.Id}:{a.Key}:overdue", Templates.TopicOverdue, To(a),
                        new { topic = t.Title, deadline = Cst.ChineseDate(t.DeadlineDay), daysOverdue, topicId = t.Id }), ct);
                    if (t.PenalizeMiss)
                        await _ledger.SendMessageAsync(Json.Serialize(new LedgerMessage(
                            $"topic:{t.Id}:{a.Key}:missed", LedgerEventKind.Penalty, "", "", a.UnitId,
                            a.PersonId is { } p ? [new LedgerAuthor(p, a.Name, null)] : [], t.Deadline, "system:dispatch",
                            PenaltyKind: PenaltyKind, Note: $"约稿“{t.Title}”逾期未完成")), ct);
                    if (await topics.ReplaceAsync(t.Id, a with { OverdueSentAt = now }, etag, ct)) overdue++;
                }
            }
        }
        return (reminders, overdue);
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
