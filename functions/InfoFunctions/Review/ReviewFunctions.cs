using System.Text.Json;
using Azure;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Review;

public sealed record ReportState(Report Report, string Etag);
public sealed record VersionSummary(int Number, string Kind, string Title, string Who, DateTimeOffset At, string? Comment, int CharCount);
public sealed record VersionDiff(int From, int To, IReadOnlyList<DiffSegment> Title, IReadOnlyList<DiffSegment> Body);
public sealed record WorkItem(string Id, string TrackingNumber, string UnitId, string Title, ReportStatus Status, string StatusName, string? EditorId, DateTimeOffset SubmittedAt);

/// <summary>Review actions, history, versions and diffs, carriers (报送/采用) and work queues.</summary>
public sealed record EvidenceFile(string Evidence, string ContentType, long Size);

public sealed class ReviewFunctions(Authenticator auth, ReviewService review, ReviewStore store, ReportStore reports, AttachmentStore files, TimeProvider time)
{
    private const Role Anyone = Role.Officer | Role.Editor | Role.Signer | Role.Leader | Role.Admin;

    [Function("ReviewAction"), Allow(Role.Anyone)]
    public async Task<IActionResult> Act([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{reportId}/review/{action}")] HttpRequest req, string reportId, string action)
    {
        var a = await auth.RequireAsync(req, Anyone);
        if (a.Failure is not null) return a.Failure;
        if (!ReviewRules.TryParseAction(action, out var act))
            return Api.NotFound($"操作“{action}”");
        if (!ReportIds.TryParse(reportId, out var unit, out _)) return Api.NotFound($"稿件 {reportId}");
        if (!a.Principal!.CanAccessUnit(unit)) return Api.Problem(403, "forbidden", "您只能办理本单位的稿件。");
        var ifMatch = req.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
            return Api.Problem(428, "if-match-required", "请在 If-Match 请求头中提供读取稿件时得到的 ETag，以免覆盖他人的修改。");

        var body = new ActionRequest();
        if (req.ContentLength is > 0 || req.Headers.TransferEncoding.Count > 0)
        {
            var (value, error) = await Api.ReadJsonOrProblemAsync<ActionRequest>(req);
            if (error is not null) return error;
            body = value!;
        }
        var outcome = await review.ApplyAsync(a.Principal!, reportId, new ETag(ifMatch), act, body, req.HttpContext.RequestAborted);
        return Map(outcome);
    }

    [Function("ReportHistory"), Allow(Role.Anyone)]
    public async Task<IActionResult> History([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/history")] HttpRequest req, string reportId)
    {
        var (report, failure) = await ReadableAsync(req, reportId);
        if (failure is not null) return failure;
        return Api.Ok(await reports.EventsAsync(report!.Id, req.HttpContext.RequestAborted));
    }

    [Function("ReportVersions"), Allow(Role.Anyone)]
    public async Task<IActionResult> Versions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/versions")] HttpRequest req, string reportId)
    {
        var (report, failure) = await ReadableAsync(req, reportId);
        if (failure is not null) return failure;
        var versions = await store.VersionsAsync(report!, req.HttpContext.RequestAborted);
        return Api.Ok(versions.Select(v => new VersionSummary(v.Number, v.Kind, v.Title, v.Who, v.At, v.Comment, CharCounter.Count(v.Body))));
    }

    [Function("ReportVersion"), Allow(Role.Anyone)]
    public async Task<IActionResult> Version([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/versions/{number}")] HttpRequest req, string reportId, string number)
    {
        var (report, failure) = await ReadableAsync(req, reportId);
        if (failure is not null) return failure;
        var versions = await store.VersionsAsync(report!, req.HttpContext.RequestAborted);
        return int.TryParse(number, out var n) && versions.FirstOrDefault(v => v.Number == n) is { } v ? Api.Ok(v) : Api.NotFound($"第 {number} 版");
    }

    /// <summary>What changed between two versions (default: the original against the latest), character by character.</summary>
    [Function("ReportDiff"), Allow(Role.Anyone)]
    public async Task<IActionResult> Diff([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/diff")] HttpRequest req, string reportId)
    {
        var (report, failure) = await ReadableAsync(req, reportId);
        if (failure is not null) return failure;
        var versions = await store.VersionsAsync(report!, req.HttpContext.RequestAborted);
        var from = int.TryParse(req.Query["from"], out var f) ? f : 1;
        var to = int.TryParse(req.Query["to"], out var t) ? t : versions[^1].Number;
        var a = versions.FirstOrDefault(v => v.Number == from);
        var b = versions.FirstOrDefault(v => v.Number == to);
        if (a is null || b is null) return Api.BadRequest("invalid-version", $"版本号应在 1 到 {versions[^1].Number} 之间。");
        return Api.Ok(new VersionDiff(from, to, TextDiff.Compute(a.Title, b.Title), TextDiff.Compute(a.Body, b.Body)));
    }

    [Function("ReportCarriers"), Allow(Role.Anyone)]
    public async Task<IActionResult> Carriers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/carriers")] HttpRequest req, string reportId)
    {
        var (report, failure) = await ReadableAsync(req, reportId);
        if (failure is not null) return failure;
        return Api.Ok(await store.CarriersAsync(report!.Id, req.HttpContext.RequestAborted));
    }

    /// <summary>
    /// 待办: editors see what is assigned to them (待编辑/编辑中/待审改), signers what waits for
    /// sign-off, officers their own reports with the current state. <c>?as=editor|signer|officer</c>.
    /// </summary>
    [Function("ReviewWorkQueue"), Allow(Role.Officer | Role.Editor | Role.Signer)]
    public async Task<IActionResult> Queue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/queue")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Officer, Role.Editor, Role.Signer);
        if (a.Failure is not null) return a.Failure;
        var who = a.Principal!;
        var asked = req.Query["as"].ToString();
        var role = asked.Length == 0
            ? who.IsInRole(Role.Signer) ? Role.Signer : who.IsInRole(Role.Editor) ? Role.Editor : Role.Officer
            : Roles.TryParse(asked, out var named) && named is Role.Editor or Role.Signer or Role.Officer ? named : Role.None;
        if (role == Role.None) return Api.BadRequest("invalid-role", "as 应为 editor、signer 或 officer。");
        if (!who.IsInRole(role)) return Api.Problem(403, "forbidden", "您没有该角色，不能查看其待办。");
        string? filter = role switch
        {
            Role.Editor => Azure.Data.Tables.TableClient.CreateQueryFilter(
                $"EditorId eq {who.Id} and (Status eq {nameof(ReportStatus.AwaitingEdit)} or Status eq {nameof(ReportStatus.Editing)} or Status eq {nameof(ReportStatus.AwaitingReview)} or Status eq {nameof(ReportStatus.SignedOff)} or Status eq {nameof(ReportStatus.Forwarded)})"),
            Role.Signer => Azure.Data.Tables.TableClient.CreateQueryFilter($"Status eq {nameof(ReportStatus.AwaitingSignOff)}"),
            Role.Officer => Azure.Data.Tables.TableClient.CreateQueryFilter($"SubmittedBy eq {who.Id}"),
            _ => null,
        };
        if (filter is null) return Api.BadRequest("invalid-role", "as 应为 editor、signer 或 officer。");
        var items = await store.QueryReportsAsync(filter, 500, req.HttpContext.RequestAborted);
        return Api.Ok(items.OrderBy(x => x.SubmittedAt)
            .Select(x => new WorkItem(x.Id, x.TrackingNumber, x.UnitId, x.Title, x.Status, ReviewRules.StatusName(x.Status), x.EditorId, x.SubmittedAt)));
    }

    /// <summary>
    /// An adoption's evidence (a screenshot of the web page, a scan of the printed page), uploaded as
    /// the raw request body; the answer's <c>evidence</c> is what an adopt/correctAdoption names.
    /// </summary>
    [Function("UploadAdoptionEvidence"), Allow(Role.Editor | Role.Signer)]
    public async Task<IActionResult> UploadEvidence([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{reportId}/evidence/{name}")] HttpRequest req, string reportId, string name)
    {
        var a = await auth.RequireAsync(req, Role.Editor, Role.Signer);
        if (a.Failure is not null) return a.Failure;
        var found = ReportIds.TryParse(reportId, out _, out _) ? await reports.GetAsync(reportId, req.HttpContext.RequestAborted) : null;
        if (found is null) return Api.NotFound($"稿件 {reportId}");
        var evidence = ReviewService.EvidencePrefix + FileNames.Clean(name, "采用证明");
        var (file, problem) = await files.UploadAsync(reportId, evidence, req.Body, long.MaxValue, req.HttpContext.RequestAborted);
        if (problem is not null) return Api.Problem(problem.Status, problem.Code, problem.Detail);
        return Api.Created($"/api/reports/{reportId}/evidence/{Uri.EscapeDataString(evidence[ReviewService.EvidencePrefix.Length..])}/link",
            new EvidenceFile(evidence, file!.ContentType, file.Size));
    }

    [Function("GetAdoptionEvidenceLink"), Allow(Role.Anyone)]
    public async Task<IActionResult> EvidenceLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/evidence/{name}/link")] HttpRequest req, string reportId, string name)
    {
        var (report, failure) = await ReadableAsync(req, reportId);
        if (failure is not null) return failure;
        var evidence = ReviewService.EvidencePrefix + name;
        if (!(await store.CarriersAsync(report!.Id, req.HttpContext.RequestAborted)).Any(c => c.Evidence == evidence) && !await review.EvidenceExistsAsync(report.Id, evidence, req.HttpContext.RequestAborted))
            return Api.NotFound($"采用证明“{name}”");
        var expires = time.GetUtcNow().AddMinutes(15);
        return Api.Ok(new AttachmentLink(name, await files.ReadLinkAsync(report.Id, evidence, expires, req.HttpContext.RequestAborted), expires));
    }

    private async Task<(Report? Report, IActionResult? Failure)> ReadableAsync(HttpRequest req, string reportId)
    {
        var a = await auth.RequireAsync(req, Anyone);
        if (a.Failure is not null) return (null, a.Failure);
        if (!ReportIds.TryParse(reportId, out var unit, out _)) return (null, Api.NotFound($"稿件 {reportId}"));
        if (!a.Principal!.CanAccessUnit(unit)) return (null, Api.Problem(403, "forbidden", "您只能查看本单位的稿件。"));
        var found = await reports.GetAsync(reportId, req.HttpContext.RequestAborted);
        return found is { } f ? (f.Report, null) : (null, Api.NotFound($"稿件 {reportId}"));
    }

    /// <summary>200 with the report and its new ETag; otherwise a problem that carries the current state (for 412 especially).</summary>
    public static IActionResult Map(ActionOutcome o)
    {
        var headers = o.Report is null ? null : new Dictionary<string, string> { ["ETag"] = o.ETag.ToString() };
        if (o.Ok) return Api.Json(200, new ReportState(o.Report!, o.ETag.ToString()), headers);
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://infofunctions/problems/{o.Code}",
            ["title"] = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(o.Status),
            ["status"] = o.Status,
            ["code"] = o.Code,
            ["detail"] = o.Detail,
            ["current"] = o.Report is null ? null : new ReportState(o.Report, o.ETag.ToString()),
        };
        return new ApiResult(o.Status, r =>
        {
            r.ContentType = Api.ProblemContentType;
            return r.WriteAsync(JsonSerializer.Serialize(body, Json.Options));
        }, headers);
    }
}

/// <summary>The review-intake queue: checks, near-duplicates, assignment (see <see cref="IntakeProcessor"/>).</summary>
public sealed class ReviewIntakeFunction(IntakeProcessor processor)
{
    [Function("ReviewIntake")]
    public Task Run([QueueTrigger(StorageNames.Queues.Review)] ReviewIntakeMessage message, CancellationToken ct) =>
        processor.ProcessAsync(message, ct);
}
