using System.Security.Cryptography;

namespace InfoFunctions.Submissions;

/// <summary>
/// The web/API channel's intake: a report as JSON, or as a multipart form with files (<see cref="FormSubmission"/>),
/// with an optional <c>Idempotency-Key</c> that makes a repeated request answer with the first report.
/// </summary>
public sealed class SubmissionService(
    IntakeService intake, ReportStore reports, AttachmentStore attachments, IOptions<SubmissionsOptions> options,
    IPersonLookup people, TimeProvider time)
{
    /// <summary>A form field (the body text) is at most 1 MiB.</summary>
    public const long FieldLimit = 1024 * 1024;

    public static bool IsForm(string? contentType) =>
        contentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The largest body a submission can have: all its files and fields, or a JSON report.</summary>
    public long MaxBodyBytes(string? contentType) => IsForm(contentType) ? options.Value.MaxReportBytes + FieldLimit
        : FieldLimit * 2;

    public Problem BodyTooLarge() => Problem.TooLarge(
        "report-too-large", $"请求体过大：稿件附件总大小上限 {ByteSize.Text(options.Value.MaxReportBytes)}。");

    public async Task<Result<StoredReport>> SubmitAsync(
        Principal who, string? contentType, long? contentLength, Stream body, string idempotencyKey,
        CancellationToken ct)
    {
        // An oversize body is refused before it is read.
        if (contentLength > MaxBodyBytes(contentType)) return BodyTooLarge();
        var key = idempotencyKey.Trim();
        if (key.Length > IdempotencyClaim.MaxKeyLength)
            return Problem.Invalid("invalid-idempotency-key",
                $"Idempotency-Key 过长（最多 {IdempotencyClaim.MaxKeyLength} 个字符）。");
        if (!IsForm(contentType)) return await SubmitJsonAsync(who, contentType, contentLength, body, key, ct);

        if (RequestBody.FormBoundary(contentType) is not { } boundary)
            return Problem.Invalid("invalid-multipart", "multipart/form-data 请求缺少 boundary。");
        var form = new FormSubmission(intake, reports, attachments, options.Value, time, who, key, BodyTooLarge(),
            request => DirectoryAsync(request, ct));
        return await form.RunAsync(boundary, body, ct);
    }

    private async Task<Result<StoredReport>> SubmitJsonAsync(
        Principal who, string? contentType, long? contentLength, Stream body, string key, CancellationToken ct)
    {
        var bytes = await RequestBody.ReadJsonAsync(contentType, body, contentLength, RequestBody.MaxJsonBytes, ct);
        if (!bytes.IsOk) return bytes.Problem!;
        var input = RequestBody.ParseJson<SubmitReportRequest>(bytes.Value);
        if (!input.IsOk) return input.Problem!;
        var draft = ReportRules.Validate(input.Value, who, Channel.Api, await DirectoryAsync(input.Value, ct));
        if (!draft.IsOk) return draft.Problem!;

        // The fingerprint of an idempotent request is the body itself.
        var claim = key.Length > 0 ? IdempotencyClaim.For(who.Id, key,
            Convert.ToHexStringLower(SHA256.HashData(bytes.Value))) : null;
        var id = ReportIds.New(draft.Value.UnitId, time.GetUtcNow());
        return await intake.CreateAsync(id, draft.Value, [], who.Id, claim: claim, ct: ct);
    }

    /// <summary>The people the authors are given by, as the directory has them (unknown ids left out).</summary>
    private async Task<IReadOnlyDictionary<string, PersonIdentity>> DirectoryAsync(SubmitReportRequest request,
        CancellationToken ct)
    {
        var found = new Dictionary<string, PersonIdentity>();
        foreach (var id in ReportRules.NamedAuthors(request))
            if (await people.FindByIdAsync(id, ct) is { } person) found[id] = person;
        return found;
    }
}
