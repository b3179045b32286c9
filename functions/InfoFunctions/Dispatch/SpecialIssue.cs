using InfoFunctions.Platform;
using DocumentFormat.OpenXml.Wordprocessing;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

public sealed record SpecialIssueInput(int? Year, int? IssueNumber, string? Date, IReadOnlyList<string>? ReportIds);

/// <summary>One article of an issue: the report as it goes to the leaders.</summary>
public sealed record SpecialIssueArticle(string ReportId, string TrackingNumber, string Title, string UnitName, string Authors, string Body);

public sealed record SpecialIssue(int Year, int IssueNumber, DateOnly Date, IReadOnlyList<SpecialIssueArticle> Articles, string CreatedBy, DateTimeOffset CreatedAt)
{
    public string Id => $"{Year}-{IssueNumber:D3}";
}

public sealed record SpecialIssueSummary(string Id, int Year, int IssueNumber, DateOnly Date, IReadOnlyList<string> Titles, string DocxUrl);

/// <summary>The city's 《信息专刊》: masthead, issue number and date, a table of contents, then each report with its unit and authors.</summary>
public static class SpecialIssueDocument
{
    public const string Masthead = "人大信息专刊";
    public const int MaxArticles = 30;

    public static byte[] Word(SpecialIssue issue)
    {
        using var d = new Docx();
        d.Paragraph(Masthead, JustificationValues.Center, Docx.TitleFont, 72, bold: true, color: "C00000")
         .Paragraph($"{issue.Year}年第{issue.IssueNumber}期（总第{issue.IssueNumber}期）", JustificationValues.Center, Docx.BodyFont, 32)
         .Paragraph($"{BulletinDocuments.Issuer}编                    {Cst.ChineseDate(issue.Date)}", JustificationValues.Center, Docx.BodyFont, 28)
         .RedRule()
         .Paragraph("目　录", JustificationValues.Center, Docx.HeadingFont, 32, bold: true);
        for (var i = 0; i < issue.Articles.Count; i++)
            d.Paragraph($"{i + 1}. {issue.Articles[i].Title}（{issue.Articles[i].UnitName}）", indent: false);
        foreach (var a in issue.Articles)
        {
            d.PageBreak()
             .Title(a.Title, 36)
             .Paragraph($"（{a.UnitName}　{a.Authors}）", JustificationValues.Center, Docx.BodyFont, 28);
            foreach (var para in a.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                d.Paragraph(para);
        }
        d.RedRule()
         .Paragraph("报送：市人大常委会主任、副主任、秘书长", indent: false)
         .Paragraph($"编印：{BulletinDocuments.Issuer}", indent: false);
        return d.ToArray();
    }
}

/// <summary>Compiles an issue from chosen reports and stores it beside the bulletins.</summary>
public sealed class SpecialIssueService(ReportStore reports, UnitStore units, BulletinStore store, TimeProvider time)
{
    public static string FileName(string id, string ext) => $"special-issues/{id}.{ext}";

    public async Task<(SpecialIssue? Issue, IReadOnlyList<FieldError> Errors)> CompileAsync(SpecialIssueInput input, string createdBy, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var today = Cst.Today(time.GetUtcNow());
        var date = today;
        if (input.Date is not null && !Cst.TryParseDay(input.Date, out date)) errors.Add(new("date", "日期格式应为 yyyy-MM-dd。"));
        if (input.IssueNumber is not { } number || number is < 1 or > 999) { errors.Add(new("issueNumber", "期号应为 1 到 999 的整数。")); number = 0; }
        var year = input.Year ?? date.Year;
        var ids = (input.ReportIds ?? []).Select(x => x.Trim()).Distinct().ToList();
        if (ids.Count == 0) errors.Add(new("reportIds", "请至少选择一篇稿件。"));
        else if (ids.Count > SpecialIssueDocument.MaxArticles) errors.Add(new("reportIds", $"每期最多 {SpecialIssueDocument.MaxArticles} 篇。"));
        if (errors.Count > 0) return (null, errors);

        var articles = new List<SpecialIssueArticle>();
        foreach (var id in ids)
        {
            if (await reports.GetAsync(id, ct) is not { } r || r.Report.Status is ReportStatus.Withdrawn or ReportStatus.Rejected)
            {
                errors.Add(new("reportIds", $"稿件“{id}”不存在或已撤回/不予采用。"));
                continue;
            }
            var unitName = (await units.GetAsync(r.Report.UnitId, ct))?.Value.Name ?? r.Report.UnitId;
            articles.Add(new SpecialIssueArticle(r.Report.Id, r.Report.TrackingNumber, r.Report.Title, unitName,
                string.Join("、", r.Report.Authors.Select(a => a.Name)), r.Report.Body));
        }
        if (errors.Count > 0) return (null, errors);

        var issue = new SpecialIssue(year, number, date, articles, createdBy, time.GetUtcNow());
        await store.Upload(FileName(issue.Id, "docx"), SpecialIssueDocument.Word(issue), BulletinStore.DocxType, ct);
        await store.Upload(FileName(issue.Id, "json"), System.Text.Encoding.UTF8.GetBytes(Platform.Json.Serialize(issue)), "application/json; charset=utf-8", ct);
        return (issue, []);
    }
}
