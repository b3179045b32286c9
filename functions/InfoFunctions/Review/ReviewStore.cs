using Azure.Data.Tables;
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
            ["Type"] = "version", ["Kind"] = v.Kind, ["Title"] = v.Title, ["Who"] = v.Who, ["At"] = v.At,
                ["Comment"] = v.Comment,
        };
        ReportRows.WriteText(e, "Body", v.Body);
        return e;
    }

    /// <summary>All versions, the original first (built from the report row).</summary>
    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Report report, CancellationToken ct)
    {
        var list = new List<ReportVersion> { new(1, "original", report.Title, report.Body, report.SubmittedBy,
            report.SubmittedAt, null) };
        await foreach (var e in reports.BesideAsync(report.Id, ReportRows.Version, ct))
            list.Add(new(int.Parse(e.RowKey[^4..]), e.GetString("Kind"), e.GetString("Title"),
                ReportRows.ReadText(e, "Body"),
                e.GetString("Who"), e.GetDateTimeOffset("At") ?? default, e.GetString("Comment")));
        return list;
    }

    public async Task<IReadOnlyList<CarrierRecord>> CarriersAsync(string reportId, CancellationToken ct)
    {
        var list = new List<CarrierRecord>();
        await foreach (var row in reports.BesideAsync<CarrierRow>(reportId, ReportRows.Carrier, ct))
            list.Add(row.ToRecord());
        return list;
    }

    /// <summary>Event rows whose ledger messages were written but not yet confirmed as queued.</summary>
    public async Task<IReadOnlyList<(TableEntity Row, string Messages)>> PendingLedgerAsync(string reportId,
        CancellationToken ct)
    {
        var list = new List<(TableEntity, string)>();
        await foreach (var e in reports.BesideAsync(reportId, ReportRows.Event, ct))
            if (e.GetBoolean("LedgerSent") == false && e.GetString("Ledger") is { } json) list.Add((e, json));
        return list;
    }

    public Task MarkLedgerSentAsync(TableEntity row, CancellationToken ct) =>
        reports.MergeAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["LedgerSent"] = true }, ct);
}
