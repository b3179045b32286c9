using InfoFunctions.DirectoryFeature;
using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>Compiles an issue of the 《信息专刊》 from chosen reports and stores it beside the bulletins.</summary>
public sealed class SpecialIssueService(ReportStore reports, UnitStore units, BulletinStore store, TimeProvider time)
{
    private static readonly Problem NotFound = Problem.NotFound("该期专刊");

    public static string FileName(string id, string ext) => $"special-issues/{id}.{ext}";

    public async Task<Result<SpecialIssueSummary>> CompileAsync(SpecialIssueInput input, Principal who,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var date = BusinessTime.DayOf(time.GetUtcNow());
        if (input.Date is not null && !BusinessTime.TryParseDay(input.Date, out date))
            errors.Add(new("date", $"日期格式应为 {InputRules.DayHint}。"));
        if (input.IssueNumber is not (>= 1 and <= 999)) errors.Add(new("issueNumber", "期号应为 1 到 999 的整数。"));
        if (input.Year is { } year && !InputRules.IsSupported(new DateOnly(Math.Clamp(year, 1, 9999), 1, 1)))
            errors.Add(new("year", "年度应在 2000 到 2099 之间。"));
        var ids = (input.ReportIds ?? []).Select(x => x.Trim()).Distinct().ToList();
        if (ids.Count == 0) errors.Add(new("reportIds", "请至少选择一篇稿件。"));
        else if (ids.Count > SpecialIssueDocument.MaxArticles)
            errors.Add(new("reportIds", $"每期最多 {SpecialIssueDocument.MaxArticles} 篇。"));
        if (errors.Count > 0) return Problem.Invalid(errors);

        var articles = new List<SpecialIssueArticle>();
        foreach (var id in ids)
        {
            if (await reports.GetAsync(id, ct) is not { Report: var r }
                || r.Status is ReportStatus.Withdrawn or ReportStatus.Rejected)
            {
                errors.Add(new("reportIds", $"稿件“{id}”不存在或已撤回/不予采用。"));
                continue;
            }
            var unitName = (await units.GetAsync(r.UnitId, ct))?.Value.Name ?? r.UnitId;
            articles.Add(new SpecialIssueArticle(r.Id, r.TrackingNumber, r.Title, unitName,
                string.Join("、", r.Authors.Select(a => a.Name)), r.Body));
        }
        if (errors.Count > 0) return Problem.Invalid(errors);

        var issue = new SpecialIssue(input.Year ?? date.Year, input.IssueNumber!.Value, date, articles, who.Id,
            time.GetUtcNow());
        await store.UploadAsync(FileName(issue.Id, "docx"), SpecialIssueDocument.Word(issue), BulletinStore.DocxType,
            ct);
        await store.UploadAsync(FileName(issue.Id, "json"), Encoding.UTF8.GetBytes(Json.Serialize(issue)),
            BulletinStore.JsonType, ct);
        return new SpecialIssueSummary(issue.Id, issue.Year, issue.IssueNumber, issue.Date,
            issue.Articles.Select(x => x.Title).ToList(), $"/api/dispatch/special-issues/{issue.Id}/docx");
    }

    public async Task<Result<FileDownload>> DownloadAsync(string issueId, CancellationToken ct)
    {
        if (issueId.Any(c => !(char.IsAsciiDigit(c) || c == '-'))) return NotFound;
        return await store.ReadAsync(FileName(issueId, "docx"), ct) is { } bytes
            ? new FileDownload(bytes, BulletinStore.DocxType, $"{SpecialIssueDocument.Masthead}{issueId}.docx",
                $"special-issue-{issueId}.docx")
            : NotFound;
    }
}
