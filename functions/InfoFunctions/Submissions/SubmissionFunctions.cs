using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace InfoFunctions.Submissions;

public sealed record UploadRequest(string? FileName, long? Size);
public sealed record UploadTicket(string UploadId, string FileName, Uri UploadUrl, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt, string ConfirmUrl);
public sealed record AttachmentLink(string Name, Uri Url, DateTimeOffset ExpiresAt);
public sealed record ReportDetail(Report Report, IReadOnlyList<ReportEvent> Events);

/// <summary>Web and API intake: submit (JSON or multipart), list, read, large uploads, download links.</summary>
public sealed class SubmissionFunctions(
    Authenticator auth, IntakeService intake, ReportStore reports, AttachmentStore attachments,
    IOptions<SubmissionsOptions> options, TimeProvider time)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const long FieldLimit = 1024 * 1024; // a form field (the body text) is at most 1 MiB
    private SubmissionsOptions Limits => options.Value;

    [Function("SubmitReport"), Allow(Role.Anyone)]
    public async Task<IActionResult> Submit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, ReportRules.Submitters);
        if (a.Failure is not null) return a.Failure;
        var who = a.Principal!;
        var ct = req.HttpContext.RequestAborted;
        var multipart = req.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

        // Refuse an oversize body before reading it.
        var maxBody = multipart ? Limits.MaxReportBytes + FieldLimit : FieldLimit * 2;
        if (req.ContentLength > maxBody)
            return Api.Problem(413, "report-too-large", $"请求体过大：稿件附件总大小上限 {AttachmentStore.Mb(Limits.MaxReportBytes)}。");
        if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = maxBody;

        var key = req.Headers[IdempotencyHeader].ToString().Trim();
        if (key.Length > 200) return Api.BadRequest("invalid-idempotency-key", "Idempotency-Key 过长（最多 200 个字符）。");

        return multipart
            ? await SubmitMultipartAsync(req, who, key, ct)
            : await SubmitJsonAsync(req, who, key, ct);
    }

    private async Task<IActionResult> SubmitJsonAsync(HttpRequest req, Principal who, string key, CancellationToken ct)
    {
        req.EnableBuffering(); // the fingerprint of an idempotent request is the body itself
        var (body, error) = await Api.ReadJsonOrProblemAsync<SubmitReportRequest>(req);
        if (error is not null) return error;
        var (draft, errors, forbidden) = ReportRules.Validate(body!, who, Channel.Api);
        if (draft is null) return Invalid(errors, forbidden);

        req.Body.Position = 0;
        var fingerprint = Convert.ToHexStringLower(await SHA256.HashDataAsync(req.Body, ct));
        var claim = key.Length > 0 ? IdempotencyClaim.For(who.Id, key, fingerprint) : null;
        return Answer(await intake.CreateAsync(ReportIds.New(draft.UnitId, time.GetUtcNow()), draft, [], who.Id, claim: claim, ct: ct));
    }

    private static IActionResult Answer(IntakeResult result) =>
        result.KeyReused ? Api.Problem(422, "idempotency-key-reused", "该 Idempotency-Key 已用于另一份不同的稿件；新稿件请使用新的键。")
        : result.Replayed ? Api.Json(200, result.Report!, new Dictionary<string, string> { ["Location"] = Location(result.Report!.Id), ["Idempotent-Replayed"] = "true" })
        : Created(result.Report!);

    /// <summary>
    /// Streams the form: fields are read as they come; each file goes straight to Blob Storage,
    /// type-checked on its first bytes and cut off at the size limit. Any failure removes what was written.
    /// </summary>
    private async Task<IActionResult> SubmitMultipartAsync(HttpRequest req, Principal who, string key, CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(req.ContentType, out var media) ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary)) return Api.BadRequest("invalid-multipart", "multipart/form-data 请求缺少 boundary。");

        // The unit decides the id; an officer's is known now, an editor's comes from the unitId field.
        // Files are kept under that id and the report gets it whichever unit it names. With an
        // Idempotency-Key the key is claimed as soon as the id is known, so a repeated request
        // answers before storing anything and a request whose first attempt died finishes it.
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var stored = new List<Attachment>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var claim = key.Length > 0 ? IdempotencyClaim.For(who.Id, key, null) : null;
        ClaimHolder? ownClaim = null;
        string? reportId = null;
        long total = 0;

        async Task<IActionResult?> DecideIdAsync(string unit)
        {
            reportId = ReportIds.New(unit, time.GetUtcNow());
            if (claim is null) return null;
            var holder = await reports.ClaimAsync(claim, reportId, ct);
            if (holder.Fingerprint is not null) return Answer(new IntakeResult(null, false, KeyReused: true)); // claimed by a JSON request
            if (holder.ReportId == reportId) { ownClaim = holder; return null; }
            reportId = holder.ReportId;
            return await intake.ReplayAsync(reportId, ct) is { } replay ? Answer(replay) : null;
        }

        async Task<IActionResult> Fail(IActionResult problem)
        {
            if (reportId is not null) await attachments.DeleteAsync(reportId, stored.Select(s => s.Name));
            if (ownClaim is not null) await reports.ReleaseAsync(claim!, ownClaim);
            return problem;
        }

        if (who.UnitId is { } ownUnit && ReportRules.IsValidUnitId(ownUnit) && await DecideIdAsync(ownUnit) is { } early) return early;

        try
        {
            var reader = new MultipartReader(boundary, req.Body) { BodyLengthLimit = null, HeadersLengthLimit = 16 * 1024 };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                var cd = section.GetContentDispositionHeader();
                if (cd is null) continue;
                var fieldName = HeaderUtilities.RemoveQuotes(cd.Name).Value ?? "";
                if (!cd.IsFileDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, ct);
                    if (value is null) return await Fail(Api.Problem(413, "field-too-large", $"表单字段“{fieldName}”过长。"));
                    fields[fieldName] = value;
                    continue;
                }

                if (reportId is null)
                {
                    // An editor's unit must be named before the files, so they land under the report's id.
                    var unit = fields.GetValueOrDefault("unitId")?.Trim();
                    if (unit is null || !ReportRules.IsValidUnitId(unit))
                        return await Fail(Api.BadRequest("unit-required", "代为报送时，请在文件之前提供 unitId 字段。"));
                    if (await DecideIdAsync(unit) is { } replayed) return replayed;
                }
                if (stored.Count >= Limits.MaxFiles)
                    return await Fail(Api.Problem(413, "too-many-files", $"附件最多 {Limits.MaxFiles} 个。"));

                var rawName = cd.FileNameStar.HasValue ? cd.FileNameStar.Value : HeaderUtilities.RemoveQuotes(cd.FileName).Value;
                var name = FileNames.Unique(FileNames.Clean(rawName), taken);
                var (attachment, problem) = await attachments.UploadAsync(reportId!, name, section.Body, Limits.MaxReportBytes - total, ct);
                if (problem is not null) return await Fail(Api.Problem(problem.Status, problem.Code, problem.Detail));
                stored.Add(attachment!);
                total += attachment!.Size;
            }

            SubmitReportRequest input;
            try { input = FromFields(fields); }
            catch (JsonException) { return await Fail(Api.BadRequest("invalid-authors", "authors 字段应为 JSON 数组，例如 [{\"personId\":\"…\",\"share\":0.5}]。")); }
            var (draft, errors, forbidden) = ReportRules.Validate(input, who, Channel.Web);
            if (draft is null) return await Fail(Invalid(errors, forbidden));
            if (reportId is not null && ReportIds.TryParse(reportId, out var fileUnit, out _) && fileUnit != draft.UnitId)
                return await Fail(Api.BadRequest("unit-mismatch", "unitId 字段与文件之前给出的单位不一致。"));

            if (reportId is null && await DecideIdAsync(draft.UnitId) is { } answered) return answered;
            return Answer(await intake.CreateAsync(reportId!, draft, stored, who.Id, ct: ct));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            return await Fail(Api.Problem(413, "report-too-large", $"请求体过大：稿件附件总大小上限 {AttachmentStore.Mb(Limits.MaxReportBytes)}。"));
        }
        catch (IOException ex) when (ex is not FileNotFoundException && !ct.IsCancellationRequested)
        {
            return await Fail(Api.BadRequest("invalid-multipart", "multipart/form-data 请求体格式错误或不完整。"));
        }
        catch (InvalidDataException)
        {
            return await Fail(Api.BadRequest("invalid-multipart", "multipart/form-data 请求体格式错误或不完整。"));
        }
        catch
        {
            await Fail(Api.NoContent());
            throw;
        }
    }

    private static SubmitReportRequest FromFields(Dictionary<string, string> f) => new(
        f.GetValueOrDefault("title"), f.GetValueOrDefault("body"), f.GetValueOrDefault("category"), f.GetValueOrDefault("unitId"),
        f.TryGetValue("authors", out var authors) && !string.IsNullOrWhiteSpace(authors)
            ? JsonSerializer.Deserialize<List<AuthorInput>>(authors, Json.Options) : null,
        f.GetValueOrDefault("topicId"), f.GetValueOrDefault("channel"));

    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > FieldLimit) return null;
            buffer.Write(chunk, 0, n);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Location(string id) => $"/api/reports/{Uri.EscapeDataString(id)}";
    private static ApiResult Created(Report r) => Api.Created(Location(r.Id), r);

    private static ApiResult Invalid(IReadOnlyList<FieldError> errors, bool forbidden) =>
        forbidden
            ? Api.Problem(403, "forbidden", errors[0].Message)
            : Api.BadRequest("invalid-report", string.Join(" ", errors.Select(e => e.Message)), errors);

    [Function("ListReports"), Allow(Role.Anyone)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, ReportRules.Submitters);
        if (a.Failure is not null) return a.Failure;
        var who = a.Principal!;
        var q = req.Query;
        var unitId = q["unitId"].ToString() is { Length: > 0 } u ? u : null;
        if (!who.CanAccessUnit(unitId ?? "")) // officers: their own unit only
        {
            if (unitId is not null) return Api.Problem(403, "forbidden", "信息员只能查看本单位的稿件。");
            unitId = who.UnitId;
            if (unitId is null) return Api.Problem(403, "forbidden", "您没有所属单位，无法查看稿件。");
        }

        var errors = new List<FieldError>();
        ReportStatus? status = null;
        if (q["status"].ToString() is { Length: > 0 } s)
        {
            if (Enum.TryParse<ReportStatus>(s, true, out var st)) status = st;
            else errors.Add(new("status", $"状态“{s}”无效。"));
        }
        ReportCategory? category = null;
        if (q["category"].ToString() is { Length: > 0 } c)
        {
            if (Categories.Parse(c) is { } cat) category = cat;
            else errors.Add(new("category", $"类别“{c}”无效。"));
        }
        var from = ParseDate(q["from"].ToString(), "from", errors, endOfDay: false);
        var to = ParseDate(q["to"].ToString(), "to", errors, endOfDay: true);
        var pageSize = 50;
        if (q["pageSize"].ToString() is { Length: > 0 } ps && (!int.TryParse(ps, out pageSize) || pageSize is < 1 or > 200))
            errors.Add(new("pageSize", "每页条数（pageSize）应在 1 到 200 之间。"));
        string? continuation = null;
        if (q["continuationToken"].ToString() is { Length: > 0 } token)
        {
            try { continuation = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)); }
            catch (FormatException) { errors.Add(new("continuationToken", "翻页令牌无效。")); }
        }
        if (errors.Count > 0) return Api.BadRequest("invalid-query", string.Join(" ", errors.Select(e => e.Message)), errors);

        var text = q["q"].ToString() is { Length: > 0 } t ? t.Trim() : null;
        var page = await reports.ListAsync(new ReportQuery(unitId, status, category, from, to, text), pageSize, continuation, req.HttpContext.RequestAborted);
        return Api.Ok(new
        {
            items = page.Items,
            continuationToken = page.ContinuationToken is { } next ? WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(next)) : null,
        });
    }

    /// <summary>Dates (<c>2026-01-01</c>) are Asia/Shanghai days; full instants are taken as given.</summary>
    private static DateTimeOffset? ParseDate(string text, string field, List<FieldError> errors, bool endOfDay)
    {
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = (endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, TimeSpan.FromHours(8)).ToUniversalTime();
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return instant.ToUniversalTime();
        errors.Add(new(field, $"日期“{text}”格式无效，应为 yyyy-MM-dd。"));
        return null;
    }

    [Function("GetReport"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}")] HttpRequest req, string reportId)
    {
        var a = await auth.RequireAsync(req, ReportRules.Submitters);
        if (a.Failure is not null) return a.Failure;
        var (report, etag, failure) = await ReadableAsync(a.Principal!, reportId, req.HttpContext.RequestAborted);
        if (failure is not null) return failure;
        // The ETag is what review actions send back as If-Match.
        return Api.Json(StatusCodes.Status200OK, new ReportDetail(report!, await reports.EventsAsync(report!.Id, req.HttpContext.RequestAborted)),
            new Dictionary<string, string> { ["ETag"] = etag.ToString() });
    }

    [Function("RequestReportUpload"), Allow(Role.Anyone)]
    public async Task<IActionResult> RequestUpload([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{reportId}/uploads")] HttpRequest req, string reportId)
    {
        var a = await auth.RequireAsync(req, ReportRules.Submitters);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var (report, _, failure) = await ReadableAsync(a.Principal!, reportId, ct);
        if (failure is not null) return failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<UploadRequest>(req);
        if (error is not null) return error;

        var name = FileNames.Unique(FileNames.Clean(body!.FileName), report!.Attachments.Select(x => x.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));
        if (string.IsNullOrWhiteSpace(body.FileName)) return Api.BadRequest("file-name-required", "请提供文件名（fileName）。");
        if (!ContentSniffer.Allowed.ContainsKey(FileNames.Extension(name)))
            return Api.Problem(415, "unsupported-file-type", $"文件“{name}”的类型不允许；允许的类型：{ContentSniffer.AllowedList}。");
        if (report.Attachments.Count >= Limits.MaxFiles) return Api.Problem(413, "too-many-files", $"附件最多 {Limits.MaxFiles} 个。");
        if (body.Size > Limits.MaxFileBytes)
            return Api.Problem(413, "file-too-large", $"文件“{name}”超过单个文件大小上限 {AttachmentStore.Mb(Limits.MaxFileBytes)}。");
        if (report.Attachments.Sum(x => x.Size) + (body.Size ?? 0) > Limits.MaxReportBytes)
            return Api.Problem(413, "report-too-large", $"稿件附件总大小超过上限 {AttachmentStore.Mb(Limits.MaxReportBytes)}。");

        var uploadId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var expires = time.GetUtcNow().AddMinutes(Limits.LinkMinutes);
        await reports.AddPendingUploadAsync(report.Id, uploadId, name, expires, ct);
        var url = await attachments.UploadLinkAsync(report.Id, name, expires, ct);
        return Api.Created($"{Location(report.Id)}/uploads/{uploadId}", new UploadTicket(uploadId, name, url, "PUT",
            new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" }, expires, $"{Location(report.Id)}/uploads/{uploadId}/confirm"));
    }

    [Function("ConfirmReportUpload"), Allow(Role.Anyone)]
    public async Task<IActionResult> ConfirmUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{reportId}/uploads/{uploadId}/confirm")] HttpRequest req, string reportId, string uploadId)
    {
        var a = await auth.RequireAsync(req, ReportRules.Submitters);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var (report, etag, failure) = await ReadableAsync(a.Principal!, reportId, ct);
        if (failure is not null) return failure;
        var pending = await reports.GetPendingUploadAsync(report!.Id, uploadId, ct);
        if (pending is null)
        {
            // Confirming twice answers with the report as it is.
            return report.Attachments.Count > 0 ? Api.Ok(report) : Api.NotFound($"上传 {uploadId}");
        }
        var (name, _, rowKey) = pending.Value;
        var (attachment, problem) = await attachments.ConfirmAsync(report.Id, name, Limits.MaxReportBytes - report.Attachments.Sum(x => x.Size), ct);
        if (problem is not null) return Api.Problem(problem.Status, problem.Code, problem.Detail);

        for (var attempt = 0; ; attempt++)
        {
            var events = await reports.EventsAsync(report!.Id, ct);
            var ev = new ReportEvent(report.Id, events.Count + 1, "attachment-added", a.Principal!.Id, time.GetUtcNow(), name);
            try
            {
                await reports.AddAttachmentAsync(report, etag, attachment!, ev, rowKey, ct);
                break;
            }
            catch (Azure.Data.Tables.TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                (report, etag) = (await reports.GetAsync(reportId, ct))!.Value;
                if (report.Attachments.Any(x => x.Name == name)) break;
            }
        }
        return Api.Ok((await reports.GetAsync(reportId, ct))!.Value.Report);
    }

    [Function("GetAttachmentLink"), Allow(Role.Anyone)]
    public async Task<IActionResult> AttachmentLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{reportId}/attachments/{name}/link")] HttpRequest req, string reportId, string name)
    {
        var a = await auth.RequireAsync(req, ReportRules.Submitters);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var (report, _, failure) = await ReadableAsync(a.Principal!, reportId, ct);
        if (failure is not null) return failure;
        var attachment = report!.Attachments.FirstOrDefault(x => x.Name == name);
        if (attachment is null) return Api.NotFound($"附件“{name}”");
        var expires = time.GetUtcNow().AddMinutes(Limits.LinkMinutes);
        return Api.Ok(new AttachmentLink(attachment.Name, await attachments.ReadLinkAsync(report.Id, attachment.Name, expires, ct), expires));
    }

    private async Task<(Report? Report, Azure.ETag ETag, IActionResult? Failure)> ReadableAsync(Principal who, string reportId, CancellationToken ct)
    {
        if (!ReportIds.TryParse(reportId, out var unit, out _)) return (null, default, Api.NotFound($"稿件 {reportId}"));
        // Checked before the read, so an officer cannot probe other units' ids.
        if (!who.CanAccessUnit(unit)) return (null, default, Api.Problem(403, "forbidden", "您只能查看本单位的稿件。"));
        var found = await reports.GetAsync(reportId, ct);
        return found is { } f ? (f.Report, f.ETag, null) : (null, default, Api.NotFound($"稿件 {reportId}"));
    }
}
