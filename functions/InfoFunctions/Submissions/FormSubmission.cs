using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace InfoFunctions.Submissions;

/// <summary>
/// One multipart submission as it streams in: fields are read as they come; each file goes straight to Blob
/// Storage, type-checked on its first bytes and cut off at the size limit. Any refusal removes what was written.
/// The unit decides the report id; an officer's is known at once, an editor's comes from the <c>unitId</c> field,
/// which must precede the files so they are stored under that id. With an Idempotency-Key the key is claimed as
/// soon as the id is known, so a repeated request answers before storing anything and a request whose first
/// attempt died finishes it.
/// </summary>
internal sealed class FormSubmission(
    IntakeService intake, ReportStore reports, AttachmentStore attachments, SubmissionsOptions limits,
    TimeProvider time,
    Principal who, string key, Problem bodyTooLarge,
    Func<SubmitReportRequest, Task<IReadOnlyDictionary<string, PersonIdentity>>> directory)
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Attachment> _stored = [];
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly IdempotencyClaim? _claim = key.Length > 0 ? IdempotencyClaim.For(who.Id, key, null) : null;
    private ClaimHolder? _ownClaim;
    private string? _reportId;
    private long _total;

    public async Task<Result<StoredReport>> RunAsync(string boundary, Stream body, CancellationToken ct)
    {
        if (who.UnitId is { } own && ReportRules.IsValidUnitId(own) && await DecideIdAsync(own, ct) is { } early)
            return early;
        Result<StoredReport> result;
        try
        {
            result = await ReadAsync(boundary, body, ct);
        }
        // The server cut the body off at its limit (set by the function from SubmissionService.MaxBodyBytes).
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            result = bodyTooLarge;
        }
        catch (IOException ex) when (ex is not FileNotFoundException && !ct.IsCancellationRequested)
        {
            result = Malformed();
        }
        catch (InvalidDataException)
        {
            result = Malformed();
        }
        catch
        {
            await UndoAsync();
            throw;
        }
        if (!result.IsOk) await UndoAsync();
        return result;
    }

    private static Problem Malformed() => Problem.Invalid("invalid-multipart", "multipart/form-data 请求体格式错误或不完整。");

    private async Task<Result<StoredReport>> ReadAsync(string boundary, Stream body, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null, HeadersLengthLimit = 16 * 1024 };
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (section.GetContentDispositionHeader() is not { } cd) continue;
            if (cd.IsFileDisposition())
            {
                if (await StoreFileAsync(cd, section.Body, ct) is { } answer) return answer;
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(cd.Name).Value ?? "";
            if (await RequestBody.ReadAtMostAsync(section.Body, SubmissionService.FieldLimit, ct) is not { } value)
                return Problem.TooLarge("field-too-large", $"表单字段“{name}”过长。");
            _fields[name] = Encoding.UTF8.GetString(value);
        }

        SubmitReportRequest input;
        try { input = FromFields(_fields); }
        catch (JsonException)
        {
            return Problem.Invalid("invalid-authors", "authors 字段应为 JSON 数组，例如 [{\"personId\":\"…\",\"share\":0.5}]。");
        }
        var draft = ReportRules.Validate(input, who, Channel.Web, await directory(input));
        if (!draft.IsOk) return draft.Problem!;
        if (_reportId is not null && ReportIds.TryParse(_reportId, out var fileUnit, out _)
            && fileUnit != draft.Value.UnitId)
            return Problem.Invalid("unit-mismatch", "unitId 字段与文件之前给出的单位不一致。");

        if (_reportId is null && await DecideIdAsync(draft.Value.UnitId, ct) is { } answered) return answered;
        return await intake.CreateAsync(_reportId!, draft.Value, _stored, who.Id, ct: ct);
    }

    /// <summary>
    /// Stores one file part; an answer ends the request early (a refusal, or an earlier request's report).
    /// </summary>
    private async Task<Result<StoredReport>?> StoreFileAsync(ContentDispositionHeaderValue cd, Stream content,
        CancellationToken ct)
    {
        if (_reportId is null)
        {
            var unit = _fields.GetValueOrDefault("unitId")?.Trim();
            if (unit is null || !ReportRules.IsValidUnitId(unit))
                return Problem.Invalid("unit-required", "代为报送时，请在文件之前提供 unitId 字段。");
            if (await DecideIdAsync(unit, ct) is { } replayed) return replayed;
        }
        if (_stored.Count >= limits.MaxFiles) return Problem.TooLarge("too-many-files", $"附件最多 {limits.MaxFiles} 个。");

        var rawName = cd.FileNameStar.HasValue ? cd.FileNameStar.Value
            : HeaderUtilities.RemoveQuotes(cd.FileName).Value;
        var name = FileNames.Unique(FileNames.Clean(rawName), _taken);
        var attachment = await attachments.UploadAsync(_reportId!, name, content, limits.MaxReportBytes - _total, ct);
        if (!attachment.IsOk) return attachment.Problem!;
        _stored.Add(attachment.Value);
        _total += attachment.Value.Size;
        return null;
    }

    /// <summary>
    /// Fixes the report id and claims the key for it; an answer when an earlier request holds the key.
    /// </summary>
    private async Task<Result<StoredReport>?> DecideIdAsync(string unit, CancellationToken ct)
    {
        _reportId = ReportIds.New(unit, time.GetUtcNow());
        if (_claim is null) return null;
        var holder = await reports.ClaimAsync(_claim, _reportId, ct);
        if (holder.Fingerprint is not null) return IntakeService.KeyReused(); // claimed by a JSON request
        if (holder.ReportId == _reportId)
        {
            _ownClaim = holder;
            return null;
        }
        _reportId = holder.ReportId;
        if (await intake.ReplayAsync(_reportId, ct) is { } replay) return replay;
        return null;
    }

    /// <summary>Removes what this request wrote, so a refused request leaves storage as it was.</summary>
    private async Task UndoAsync()
    {
        if (_reportId is not null) await attachments.DeleteAsync(_reportId, _stored.Select(s => s.Name));
        if (_ownClaim is not null) await reports.ReleaseAsync(_claim!, _ownClaim);
    }

    private static SubmitReportRequest FromFields(Dictionary<string, string> f) => new(
        f.GetValueOrDefault("title"), f.GetValueOrDefault("body"), f.GetValueOrDefault("category"),
        f.GetValueOrDefault("unitId"),
        f.TryGetValue("authors", out var authors) && !string.IsNullOrWhiteSpace(authors)
            ? JsonSerializer.Deserialize<List<AuthorInput>>(authors, Json.Options) : null,
        f.GetValueOrDefault("topicId"), f.GetValueOrDefault("channel"));
}
