using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>Review actions, history, versions and diffs, carriers (报送/采用), evidence and work queues.</summary>
public sealed class ReviewFunctions(ReviewService review, ReviewQueries queries, ReportService reports,
    EvidenceService evidence)
{
    /// <summary>200 with the report and its new ETag; a refusal carries the current state (412 especially).</summary>
    [Function("ReviewAction"), Allow(Role.Anyone)]
    public async Task<IActionResult> Act(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post",
            Route = "api/reports/{reportId}/review/{action}")] HttpRequest req,
        string reportId, string action, CancellationToken ct) =>
        Api.Entity(await ReviewService.Admit(req.Principal(), reportId, action, req.Headers.IfMatch.ToString())
            .ThenAsync(async command => await Api.ReadOptionalJsonAsync(req, new ActionRequest()) // most need none
                .ThenAsync(body => review.ApplyAsync(req.Principal(), command, body, ct))));

    [Function("ReportHistory"), Allow(Role.Anyone)]
    public async Task<IActionResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/history")] HttpRequest req,
        string reportId, CancellationToken ct) =>
        Api.Ok(await queries.HistoryAsync(req.Principal(), reportId, ct));

    [Function("ReportVersions"), Allow(Role.Anyone)]
    public async Task<IActionResult> Versions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/versions")] HttpRequest req,
        string reportId, CancellationToken ct) =>
        Api.Ok(await queries.VersionsAsync(req.Principal(), reportId, ct));

    [Function("ReportVersion"), Allow(Role.Anyone)]
    public async Task<IActionResult> Version(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get",
            Route = "api/reports/{reportId}/versions/{number}")] HttpRequest req,
        string reportId, string number, CancellationToken ct) =>
        Api.Ok(await queries.VersionAsync(req.Principal(), reportId, number, ct));

    [Function("ReportDiff"), Allow(Role.Anyone)]
    public async Task<IActionResult> Diff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/diff")] HttpRequest req,
        string reportId, CancellationToken ct) =>
        Api.Ok(await queries.DiffAsync(req.Principal(), reportId, req.Query["from"], req.Query["to"], ct));

    [Function("ReportCarriers"), Allow(Role.Anyone)]
    public async Task<IActionResult> Carriers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/carriers")] HttpRequest req,
        string reportId, CancellationToken ct) =>
        Api.Ok(await queries.CarriersAsync(req.Principal(), reportId, ct));

    /// <summary>待办, <c>?as=editor|signer|officer</c>.</summary>
    [Function("ReviewWorkQueue"), Allow(Role.Officer | Role.Editor | Role.Signer)]
    public async Task<IActionResult> Queue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/review/queue")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await queries.QueueAsync(req.Principal(), req.Query["as"], ct));

    /// <summary>
    /// An adoption's evidence, uploaded as the raw request body; the answer's <c>evidence</c> is what an adoption
    /// names.
    /// </summary>
    [Function("UploadAdoptionEvidence"), Allow(Role.Editor | Role.Signer)]
    public async Task<IActionResult> UploadEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post",
            Route = "api/reports/{reportId}/evidence/{name}")] HttpRequest req,
        string reportId, string name, CancellationToken ct) =>
        Api.Created(await reports.ReadableAsync(req.Principal(), reportId, ct)
            .ThenAsync(found => evidence.UploadAsync(found.Value.Id, name, req.Body, ct)),
            file => EvidenceService.LinkPath(reportId, file));

    [Function("GetAdoptionEvidenceLink"), Allow(Role.Anyone)]
    public async Task<IActionResult> EvidenceLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/evidence/{name}/link")]
        HttpRequest req, string reportId, string name, CancellationToken ct) =>
        Api.Ok(await reports.ReadableAsync(req.Principal(), reportId, ct)
            .ThenAsync(found => evidence.LinkAsync(found.Value, name, ct)));
}
