using Microsoft.AspNetCore.Http.Features;

namespace InfoFunctions.Submissions;

/// <summary>Web and API intake: submit (JSON or multipart), list, read, large uploads, download links.</summary>
public sealed class SubmissionFunctions(SubmissionService submissions, ReportService reports, AttachmentService files)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    [Function("SubmitReport"), Allow(Role.Anyone)]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports")] HttpRequest req,
        CancellationToken ct)
    {
        if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = submissions.MaxBodyBytes(req.ContentType);
        var stored = await submissions.SubmitAsync(
            req.Principal(), req.ContentType, req.ContentLength, req.Body, req.Headers[IdempotencyHeader].ToString(),
            ct);
        return Api.From(stored, s => s.Replayed
            ? Api.Json(StatusCodes.Status200OK, s.Report, new Dictionary<string, string>
            {
                ["Location"] = ReportIds.Path(s.Report.Id),
                ["Idempotent-Replayed"] = "true",
            })
            : Api.Created(ReportIds.Path(s.Report.Id), s.Report));
    }

    [Function("ListReports"), Allow(Role.Anyone)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports")] HttpRequest req, CancellationToken ct)
    {
        var q = req.Query;
        var request = new ReportListRequest(q["unitId"], q["status"], q["category"], q["from"], q["to"], q["q"],
            q["pageSize"], q["continuationToken"], q["carrierId"]);
        return Api.Ok(await reports.ListAsync(req.Principal(), request, ct));
    }

    /// <summary>The report and its events; the ETag is what review actions send back as If-Match.</summary>
    [Function("GetReport"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}")] HttpRequest req,
        string reportId, CancellationToken ct) =>
        Api.Entity(await reports.DetailAsync(req.Principal(), reportId, ct));

    [Function("RequestReportUpload"), Allow(Role.Anyone)]
    public async Task<IActionResult> RequestUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{reportId}/uploads")] HttpRequest req,
        string reportId, CancellationToken ct) =>
        Api.Created(await reports.AttachableAsync(req.Principal(), reportId, ct)
            .ThenAsync(found => Api.ReadJsonAsync<UploadRequest>(req)
                .ThenAsync(body => files.RequestUploadAsync(req.Principal(), found.Value, body, ct))),
            ticket => UploadTicket.PathOf(reportId, ticket.UploadId));

    [Function("ConfirmReportUpload"), Allow(Role.Anyone)]
    public async Task<IActionResult> ConfirmUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{reportId}/uploads/{uploadId}/confirm")]
        HttpRequest req, string reportId, string uploadId, CancellationToken ct) =>
        Api.Ok(await reports.AttachableAsync(req.Principal(), reportId, ct)
            .ThenAsync(found => files.ConfirmUploadAsync(req.Principal(), found, uploadId, ct)));

    [Function("GetAttachmentLink"), Allow(Role.Anyone)]
    public async Task<IActionResult> AttachmentLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/attachments/{name}/link")]
        HttpRequest req, string reportId, string name, CancellationToken ct) =>
        Api.Ok(await reports.ReadableAsync(req.Principal(), reportId, ct)
            .ThenAsync(found => files.LinkAsync(found.Value, name, ct)));
}
