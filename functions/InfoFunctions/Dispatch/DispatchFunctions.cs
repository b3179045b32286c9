using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Dispatch;

public sealed record RotationOutput(RotationWindow Window, int Submitted, int Adopted, IReadOnlyList<RotationReport> Reports);
public sealed record RotationReport(string Id, string Title, string UnitId, DateTimeOffset SubmittedAt, bool Adopted);

/// <summary>调度会: 约稿, 定目标, 轮岗, the bimonthly 通报 and the 信息专刊, over HTTP and two timers.</summary>
public sealed class DispatchFunctions(
    Authenticator auth, TopicService topics, TargetStore targets, RotationStore rotations, ReportReader reader, UnitStore units,
    IAdoptionSource adoptions, BulletinService bulletins, BulletinStore bulletinStore, SpecialIssueService specialIssues,
    IPersonLookup people, IOptions<DispatchOptions> options, TimeProvider time, ILogger<DispatchFunctions> log)
{
    private const Role Readers = Role.Office;
    private const Role Everyone = Role.Anyone;

    private static ApiResult Invalid(IReadOnlyList<FieldError> errors) =>
        Api.BadRequest("invalid-request", string.Join(" ", errors.Select(e => e.Message)), errors);

    /// <summary>Bytes as a download, written like every other ApiResult (no MVC executors needed); the Chinese name goes in filename*.</summary>
    private static ApiResult File(byte[] bytes, string contentType, string? downloadName, string asciiName) =>
        new(200, r =>
        {
            r.ContentType = contentType;
            r.ContentLength = bytes.Length;
            return r.Body.WriteAsync(bytes).AsTask();
        }, downloadName is null ? null : new Dictionary<string, string>
        {
            ["Content-Disposition"] = $"attachment; filename=\"{asciiName}\"; filename*=UTF-8''{Uri.EscapeDataString(downloadName)}",
        });

    private static ApiResult BadPeriod(string period) =>
        Api.BadRequest("invalid-period", $"期间“{period}”无效，应为 2026-P3 这样的形式（P1 为 1—2 月，P6 为 11—12 月）。");

    // ---- 约稿 ----

    [Function("CreateTopic"), Allow(Role.Editor)]
    public async Task<IActionResult> CreateTopic([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dispatch/topics")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Editor);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<TopicInput>(req);
        if (error is not null) return error;
        var (view, errors) = await topics.CreateAsync(body!, a.Principal!, req.HttpContext.RequestAborted);
        return view is null ? Invalid(errors) : Api.Created($"/api/dispatch/topics/{view.Topic.Id}", view);
    }

    [Function("ListTopics"), Allow(Role.Anyone)]
    public async Task<IActionResult> ListTopics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/topics")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Everyone);
        if (a.Failure is not null) return a.Failure;
        DateOnly? from = null, to = null;
        if (req.Query["from"].ToString() is { Length: > 0 } f) { if (!Cst.TryParseDay(f, out var d)) return Api.BadRequest("invalid-date", "from 应为 yyyy-MM-dd。"); from = d; }
        if (req.Query["to"].ToString() is { Length: > 0 } t) { if (!Cst.TryParseDay(t, out var d)) return Api.BadRequest("invalid-date", "to 应为 yyyy-MM-dd。"); to = d; }
        return Api.Ok(await topics.ListAsync(a.Principal!, from, to, req.HttpContext.RequestAborted));
    }

    [Function("GetTopic"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetTopic([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/topics/{topicId}")] HttpRequest req, string topicId)
    {
        var a = await auth.RequireAsync(req, Everyone);
        if (a.Failure is not null) return a.Failure;
        var who = a.Principal!;
        if (await topics.ViewAsync(topicId, req.HttpContext.RequestAborted) is not { } v) return Api.NotFound("该约稿");
        if (who.IsInRole(Readers)) return Api.Ok(v);
        var mine = v.Addressees.Where(x => x.PersonId == who.Id || (x.PersonId is null && x.UnitId == who.UnitId)).ToList();
        return mine.Count == 0 ? Api.NotFound("该约稿") : Api.Ok(v with { Addressees = mine });
    }

    [Function("RespondToTopic"), Allow(Role.Anyone)]
    public async Task<IActionResult> RespondToTopic([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dispatch/topics/{topicId}/response")] HttpRequest req, string topicId)
    {
        var a = await auth.RequireAsync(req, Everyone);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<TopicResponseInput>(req);
        if (error is not null) return error;
        return Map(await topics.RespondAsync(topicId, a.Principal!, body!, req.HttpContext.RequestAborted));
    }

    [Function("LinkTopicReport"), Allow(Role.Anyone)]
    public async Task<IActionResult> LinkTopicReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dispatch/topics/{topicId}/links")] HttpRequest req, string topicId)
    {
        var a = await auth.RequireAsync(req, Everyone);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<TopicLinkInput>(req);
        if (error is not null) return error;
        return Map(await topics.LinkAsync(topicId, a.Principal!, body!, req.HttpContext.RequestAborted));
    }

    private static IActionResult Map((TopicService.Outcome Outcome, string? Detail, TopicView? View) r) => r.Outcome switch
    {
        TopicService.Outcome.Ok => Api.Ok(r.View),
        TopicService.Outcome.NotFound => Api.NotFound("该约稿"),
        TopicService.Outcome.NotAddressee => Api.Problem(403, "forbidden", "您（或您所在单位）不是该约稿的对象。"),
        TopicService.Outcome.Conflict => Api.Conflict("topic-busy", r.Detail!),
        _ => Api.BadRequest("invalid-request", r.Detail!),
    };

    [Function("DispatchTopicReminders")]
    public async Task TopicReminders([TimerTrigger("%Dispatch__TopicReminderSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        var (reminders, overdue) = await topics.RunRemindersAsync(ct);
        log.LogInformation("约稿提醒 {Reminders} 条，逾期通知 {Overdue} 条", reminders, overdue);
    }

    // ---- 定目标 ----

    [Function("SetTargets"), Allow(Role.Editor)]
    public async Task<IActionResult> SetTargets([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/dispatch/targets/{period}")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Role.Editor);
        if (a.Failure is not null) return a.Failure;
        if (!DispatchPeriod.TryParse(period, out var p)) return BadPeriod(period);
        var (body, error) = await Api.ReadJsonOrProblemAsync<TargetsInput>(req);
        if (error is not null) return error;
        var ct = req.HttpContext.RequestAborted;
        var errors = new List<FieldError>();
        var list = new List<UnitTarget>();
        if (body!.Targets is not { Count: > 0 }) errors.Add(new("targets", "请至少给出一个单位的目标。"));
        foreach (var (t, i) in (body.Targets ?? []).Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(t.UnitId) || await units.GetAsync(t.UnitId.Trim(), ct) is null) { errors.Add(new($"targets[{i}].unitId", $"单位“{t.UnitId}”不存在。")); continue; }
            if (t.Submissions is not (>= 0 and <= 10000) || t.Adoptions is not (>= 0 and <= 10000)) { errors.Add(new($"targets[{i}]", "目标篇数应为 0 到 10000 的整数。")); continue; }
            list.Add(new UnitTarget(t.UnitId.Trim(), t.Submissions.Value, t.Adoptions.Value));
        }
        if (list.GroupBy(t => t.UnitId).Any(g => g.Count() > 1)) errors.Add(new("targets", "同一单位只能有一个目标。"));
        if (errors.Count > 0) return Invalid(errors);
        await targets.SetAsync(p.Value, list, body.Meeting?.Trim(), a.Principal!.Id, time.GetUtcNow(), ct);
        return Api.Ok(await ProgressAsync(p.Value, null, ct));
    }

    [Function("GetTargets"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetTargets([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/targets/{period}")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Everyone);
        if (a.Failure is not null) return a.Failure;
        if (!DispatchPeriod.TryParse(period, out var p)) return BadPeriod(period);
        var who = a.Principal!;
        // A unit sees its own progress; the office sees every unit's.
        return Api.Ok(await ProgressAsync(p.Value, who.IsInRole(Readers) ? null : who.UnitId ?? "", req.HttpContext.RequestAborted));
    }

    private async Task<IReadOnlyList<TargetProgress>> ProgressAsync(DispatchPeriod p, string? unitId, CancellationToken ct)
    {
        var set = (await targets.ListAsync(p, ct)).Where(t => unitId is null || t.Target.UnitId == unitId).ToList();
        var adopted = (await adoptions.LoadAsync(p.From, p.To, ct)).GroupBy(x => x.UnitId).ToDictionary(g => g.Key, g => g.Select(x => x.ReportId).Distinct().Count());
        var result = new List<TargetProgress>();
        foreach (var (t, meeting, by, at) in set)
        {
            var submitted = (await reader.UnitAsync(t.UnitId, p.From, p.To, null, ct)).Count;
            var ad = adopted.GetValueOrDefault(t.UnitId);
            result.Add(new TargetProgress(p.Id, t.UnitId, t.Submissions, t.Adoptions, submitted, ad,
                t.Submissions > 0 ? BulletinBuilder.Rate(submitted, t.Submissions) : null, t.Adoptions > 0 ? BulletinBuilder.Rate(ad, t.Adoptions) : null, meeting, by, at));
        }
        return result;
    }

    // ---- 轮岗 ----

    [Function("CreateRotation"), Allow(Role.Admin)]
    public async Task<IActionResult> CreateRotation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dispatch/rotations")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<RotationInput>(req);
        if (error is not null) return error;
        var ct = req.HttpContext.RequestAborted;
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body!.PersonId) || await people.FindByIdAsync(body.PersonId.Trim(), ct) is not { Active: true })
            errors.Add(new("personId", $"人员“{body.PersonId}”不存在或已停用。"));
        if (!Cst.TryParseDay(body.From, out var from)) errors.Add(new("from", "开始日期格式应为 yyyy-MM-dd（北京时间）。"));
        if (!Cst.TryParseDay(body.To, out var to)) errors.Add(new("to", "结束日期格式应为 yyyy-MM-dd（北京时间）。"));
        if (errors.Count > 0) return Invalid(errors);
        var personId = body.PersonId!.Trim();
        var rule = RotationRules.Validate(personId, from, to, await rotations.ListAsync(ct), options.Value.RotationMaxDaysPerYear);
        if (rule.Count > 0) return Invalid(rule);
        var window = new RotationWindow($"{Cst.Format(from)}~{personId}", personId, from, to, body.Note?.Trim(), a.Principal!.Id, time.GetUtcNow());
        await rotations.AddAsync(window, ct);
        return Api.Created($"/api/dispatch/rotations/{window.Id}", window);
    }

    [Function("ListRotations"), Allow(Role.Office)]
    public async Task<IActionResult> ListRotations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/rotations")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        var list = await rotations.ListAsync(req.HttpContext.RequestAborted);
        if (int.TryParse(req.Query["year"], out var year)) list = list.Where(w => RotationRules.DaysIn(w.From, w.To, year) > 0).ToList();
        return Api.Ok(list);
    }

    [Function("DeleteRotation"), Allow(Role.Admin)]
    public async Task<IActionResult> DeleteRotation([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/dispatch/rotations/{rotationId}")] HttpRequest req, string rotationId)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        return await rotations.DeleteAsync(rotationId, req.HttpContext.RequestAborted) ? Api.NoContent() : Api.NotFound("该轮岗安排");
    }

    /// <summary>What the person produced during the window (reports they wrote or submitted, and adoptions), for the year-end assessment.</summary>
    [Function("GetRotationOutput"), Allow(Role.Office)]
    public async Task<IActionResult> GetRotationOutput([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/rotations/{rotationId}/output")] HttpRequest req, string rotationId)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        if (await rotations.GetAsync(rotationId, ct) is not { } w) return Api.NotFound("该轮岗安排");
        var (from, to) = (Cst.StartOf(w.From), Cst.StartOf(w.To.AddDays(1)));
        var all = await units.ListAsync(includeInactive: true, ct);
        var mine = (await reader.InPeriodAsync(all.Select(u => u.Value.Id), from, to, ct)).Where(r => r.IsBy(w.PersonId)).OrderBy(r => r.SubmittedAt).ToList();
        var adoptedIds = (await adoptions.LoadAsync(from, to, ct)).Where(x => x.Authors.Any(p => p.PersonId == w.PersonId)).Select(x => x.ReportId).ToHashSet();
        return Api.Ok(new RotationOutput(w, mine.Count, adoptedIds.Count,
            mine.Select(r => new RotationReport(r.Id, r.Title, r.UnitId, r.SubmittedAt, adoptedIds.Contains(r.Id))).ToList()));
    }

    // ---- 通报 ----

    [Function("ListBulletins"), Allow(Role.Office)]
    public async Task<IActionResult> ListBulletins([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/bulletins")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await bulletins.ListAsync(req.HttpContext.RequestAborted));
    }

    [Function("GetBulletin"), Allow(Role.Office)]
    public async Task<IActionResult> GetBulletin([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/bulletins/{period}")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        if (!DispatchPeriod.TryParse(period, out var p)) return BadPeriod(period);
        var json = await bulletinStore.ReadAsync(BulletinStore.FileName(p.Value.Id, "json"), req.HttpContext.RequestAborted);
        return json is null ? Api.NotFound($"{p.Value.ChineseName}的通报（可由编辑生成）") : File(json, "application/json; charset=utf-8", null, "");
    }

    [Function("DownloadBulletin"), Allow(Role.Office)]
    public async Task<IActionResult> DownloadBulletin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/bulletins/{period}/{format}")] HttpRequest req, string period, string format)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        if (!DispatchPeriod.TryParse(period, out var p)) return BadPeriod(period);
        var type = format switch { "docx" => BulletinStore.DocxType, "xlsx" => BulletinStore.XlsxType, _ => null };
        if (type is null) return Api.NotFound("该格式（可选 docx、xlsx）");
        var bytes = await bulletinStore.ReadAsync(BulletinStore.FileName(p.Value.Id, format), req.HttpContext.RequestAborted);
        return bytes is null ? Api.NotFound($"{p.Value.ChineseName}的通报") : File(bytes, type, $"{p.Value.ChineseName}信息通报.{format}", $"bulletin-{p.Value.Id}.{format}");
    }

    [Function("GenerateBulletin"), Allow(Role.Editor)]
    public async Task<IActionResult> GenerateBulletin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dispatch/bulletins/{period}/generate")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Role.Editor);
        if (a.Failure is not null) return a.Failure;
        if (!DispatchPeriod.TryParse(period, out var p)) return BadPeriod(period);
        if (p.Value.From > time.GetUtcNow()) return Api.BadRequest("period-not-started", $"{p.Value.ChineseName}尚未开始。");
        var (b, timing) = await bulletins.GenerateAsync(p.Value, notify: true, req.HttpContext.RequestAborted);
        log.LogInformation("通报 {Period}: 读取 {Read} ms，生成 {Build} ms，写入 {Write} ms", p.Value.Id,
            timing.Reading.TotalMilliseconds, timing.Building.TotalMilliseconds, timing.Writing.TotalMilliseconds);
        return Api.Created($"/api/dispatch/bulletins/{p.Value.Id}", b);
    }

    [Function("DispatchBulletins")]
    public async Task Bulletins([TimerTrigger("%Dispatch__BulletinSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        var b = await bulletins.EnsureClosedPeriodAsync(ct);
        if (b is not null) log.LogInformation("已生成 {Period} 通报", b.Period);
    }

    // ---- 信息专刊 ----

    [Function("CreateSpecialIssue"), Allow(Role.Editor)]
    public async Task<IActionResult> CreateSpecialIssue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dispatch/special-issues")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Editor);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<SpecialIssueInput>(req);
        if (error is not null) return error;
        var (issue, errors) = await specialIssues.CompileAsync(body!, a.Principal!.Id, req.HttpContext.RequestAborted);
        if (issue is null) return Invalid(errors);
        var url = $"/api/dispatch/special-issues/{issue.Id}/docx";
        return Api.Created(url, new SpecialIssueSummary(issue.Id, issue.Year, issue.IssueNumber, issue.Date, issue.Articles.Select(x => x.Title).ToList(), url));
    }

    [Function("DownloadSpecialIssue"), Allow(Role.Office)]
    public async Task<IActionResult> DownloadSpecialIssue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dispatch/special-issues/{issueId}/docx")] HttpRequest req, string issueId)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        if (issueId.Any(c => !(char.IsAsciiDigit(c) || c == '-'))) return Api.NotFound("该期专刊");
        var bytes = await bulletinStore.ReadAsync(SpecialIssueService.FileName(issueId, "docx"), req.HttpContext.RequestAborted);
        return bytes is null ? Api.NotFound("该期专刊") : File(bytes, BulletinStore.DocxType, $"{SpecialIssueDocument.Masthead}{issueId}.docx", $"special-issue-{issueId}.docx");
    }
}
