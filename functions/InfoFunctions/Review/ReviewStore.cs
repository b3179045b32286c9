using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// Review's rows beside each report in the reports table (<see cref="ReportStore"/> owns the table and its
/// layout): text versions <c>key~v0002</c> and carrier records <c>key~a&lt;carrierId&gt;</c>. A transition
/// (report row with If-Match + event row + version/carrier rows) is one entity-group transaction through
/// <see cref="ReportStore.CommitAsync"/>: state and history change together or not at all.
/// </summary>
public sealed class ReviewStore(ReportStore reports)
{
    public static TableEntity VersionEntity(string reportId, ReportVersion v)
    {
        var (unit, rowKey) = ReportRows.Beside(reportId, ReportRows.Version, $"{v.Number:D4}");
        var e = new TableEntity(unit, rowKey)
        {
            ["Type"] = "version",
            ["Kind"] = v.Kind,
            ["Title"] = v.Title,
            ["Who"] = v.Who,
            ["At"] = v.At,
            ["Comment"] = v.Comment,
        };
        ReportRows.WriteText(e, "Body", v.Body);
        return e;
    }

    /// <summary>
    /// All versions, the original first. The report row holds the current text; until the first edit that is the
    /// original, which the first edit stores beside it as <c>key~v0001</c> (<see cref="Original"/>). Reports edited
    /// before the row carried the current text have version 1 only on the row, and <see cref="CurrentTextUpgrade"/>
    /// brings them up to date.
    /// </summary>
    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Report report, CancellationToken ct)
    {
        var list = new List<ReportVersion>();
        if (report.Version == 1) list.Add(Original(report));
        await foreach (var e in reports.BesideAsync(report.Id, ReportRows.Version, ct))
            list.Add(new(int.Parse(e.RowKey[^4..]), e.GetString("Kind"), e.GetString("Title"),
                ReportRows.ReadText(e, "Body"),
                e.GetString("Who"), e.GetDateTimeOffset("At") ?? default, e.GetString("Comment")));
        return list;
    }

    /// <summary>Version 1 as the report row holds it while <see cref="Report.Version"/> is 1.</summary>
    public static ReportVersion Original(Report report) =>
        new(1, "original", report.Title, report.Body, report.SubmittedBy, report.SubmittedAt, null);

    /// <summary>
    /// A new version: its row, the original's row when the report row is about to stop holding it, and the report
    /// carrying the new text (written together in one transaction).
    /// </summary>
    public static (Report Updated, IReadOnlyList<TableEntity> Rows) WithVersion(Report report, Report updated,
        ReportVersion version)
    {
        var rows = new List<TableEntity>();
        if (report.Version == 1) rows.Add(VersionEntity(report.Id, Original(report)));
        rows.Add(VersionEntity(report.Id, version));
        return (updated with
        {
            Title = version.Title,
            Body = version.Body,
            CharCount = CharCounter.Count(version.Body),
            Version = version.Number,
        }, rows);
    }

    public async Task<IReadOnlyList<CarrierRecord>> CarriersAsync(string reportId, CancellationToken ct)
    {
        var list = new List<CarrierRecord>();
        await foreach (var row in reports.BesideAsync<CarrierRow>(reportId, ReportRows.Carrier, ct))
            list.Add(row.ToRecord());
        return list;
    }
}
