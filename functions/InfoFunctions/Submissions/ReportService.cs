namespace InfoFunctions.Submissions;

/// <summary>Reading reports as the caller may see them: officers their own unit's, office roles every unit's.</summary>
public sealed class ReportService(ReportStore reports)
{
    public const int DefaultPageSize = 50;
    /// <summary>Search text (<c>q</c>) is at most this long.</summary>
    public const int MaxSearchLength = 100;

    /// <summary>A report the caller may read, with the ETag review actions send back as If-Match.</summary>
    public async Task<Result<Versioned<Report>>> ReadableAsync(Principal who, string reportId, CancellationToken ct)
    {
        if (!ReportIds.TryParse(reportId, out var unit, out _)) return Problem.NotFound($"稿件 {reportId}");
        // Checked before the read, so an officer cannot probe other units' ids.
        if (!who.CanAccessUnit(unit)) return Problem.Forbidden("您只能查看本单位的稿件。");
        return await reports.GetAsync(reportId, ct) is { } found
            ? new Versioned<Report>(found.Report, found.ETag.ToString())
            : Problem.NotFound($"稿件 {reportId}");
    }

    /// <summary>A report the caller may add a file to now (<see cref="AttachmentRules"/>).</summary>
    public async Task<Result<Versioned<Report>>> AttachableAsync(Principal who, string reportId, CancellationToken ct)
    {
        var found = await ReadableAsync(who, reportId, ct);
        return found.IsOk && AttachmentRules.MayAdd(found.Value.Value, who) is { } refused ? refused : found;
    }

    public async Task<Result<Versioned<ReportDetail>>> DetailAsync(Principal who, string reportId, CancellationToken ct)
    {
        var found = await ReadableAsync(who, reportId, ct);
        if (!found.IsOk) return found.Problem!;
        var events = await reports.EventsAsync(reportId, ct);
        return new Versioned<ReportDetail>(new ReportDetail(found.Value.Value, events), found.Value.ETag);
    }

    /// <summary>A page of reports, newest first; the continuation token is opaque (base64url) to clients.</summary>
    public async Task<Result<ReportPage>> ListAsync(Principal who, ReportListRequest request, CancellationToken ct)
    {
        var unitId = Given(request.UnitId);
        if (!who.CanAccessUnit(unitId ?? "")) // officers: their own unit only
        {
            if (unitId is not null) return Problem.Forbidden("信息员只能查看本单位的稿件。");
            unitId = who.UnitId;
            if (unitId is null) return Problem.Forbidden("您没有所属单位，无法查看稿件。");
        }

        var errors = new List<FieldError>();
        ReportStatus? status = null;
        if (Given(request.Status) is { } s)
        {
            if (Enum.TryParse<ReportStatus>(s, true, out var st)) status = st;
            else errors.Add(new("status", $"状态“{s}”无效。"));
        }
        ReportCategory? category = null;
        if (Given(request.Category) is { } c)
        {
            if (Categories.Parse(c) is { } cat) category = cat;
            else errors.Add(new("category", $"类别“{c}”无效。"));
        }
        InputRules.Text(errors, "q", request.Text, MaxSearchLength);
        var from = ParseDate(request.From, "from", errors, endOfDay: false);
        var to = ParseDate(request.To, "to", errors, endOfDay: true);
        var pageSize = Paging.PageSize(request.PageSize, DefaultPageSize, errors);
        var continuation = Paging.Continuation(request.ContinuationToken, errors);
        if (errors.Count > 0) return Problem.Invalid("invalid-query", string.Join(" ", errors.Select(e => e.Message)),
            errors);

        var query = new ReportQuery(unitId, status, category, from, to, Given(request.Text)?.Trim(),
            Given(request.CarrierId));
        var page = await reports.ListAsync(query, pageSize, continuation, ct);
        return page with { ContinuationToken = Paging.Token(page.ContinuationToken) };
    }

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Dates (<c>2026-01-01</c>) are Beijing days; full instants are taken as given; 2000–2099.</summary>
    private static DateTimeOffset? ParseDate(string? text, string field, List<FieldError> errors, bool endOfDay)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (BusinessTime.TryParseDay(text, out var day))
            return BusinessTime.StartOf(endOfDay ? day.AddDays(1) : day).ToUniversalTime();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var instant)
            && InputRules.IsSupported(DateOnly.FromDateTime(instant.UtcDateTime)))
            return instant.ToUniversalTime();
        errors.Add(new(field, $"{field} 应为 {InputRules.DayHint}。"));
        return null;
    }
}
