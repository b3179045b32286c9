using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>A stored edit of a report's text. Version 1 is the original submission and is never stored twice.</summary>
public sealed record ReportVersion(int Number, string Kind, string Title, string Body, string Who, DateTimeOffset At, string? Comment);

/// <summary>Where a report went (报送) and what became of it there (采用 / 未采用), one per carrier.</summary>
public sealed record CarrierRecord(
    string CarrierId, string CarrierName, string Outcome, DateOnly ForwardedOn, string ForwardedBy,
    DateOnly? AdoptedOn = null, string? Issue = null, string? Page = null, string? Url = null, string? Evidence = null,
    string? EndorsementLevel = null, string? EndorsedBy = null, string? EndorsementText = null, string? EventId = null, string? Note = null);

public static class Outcomes
{
    public const string Forwarded = "forwarded";
    public const string Adopted = "adopted";
    public const string NotAdopted = "notAdopted";
}

/// <summary>The transaction lost to a concurrent change (412) or the report is gone.</summary>
public sealed class ConcurrencyException() : Exception("稿件已被他人修改。");

/// <summary>
/// Review rows live in the report's own partition of the reports table, next to the report and its
/// events: versions <c>key~v0002</c>, carrier records <c>key~a&lt;carrierId&gt;</c>. So a transition
/// (report row with If-Match + event row + version/carrier rows) is one entity-group transaction:
/// state and history change together or not at all.
/// </summary>
public sealed class ReviewStore(TableServiceClient tables)
{
    private const int Chunk = 30_000;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Reports);

    public static string EventId(string reportId, int sequence) => $"{reportId}~e{sequence:D4}";

    /// <summary>
    /// Replaces the report at <paramref name="etag"/>, appends <paramref name="ev"/> and writes the extra rows.
    /// Returns the report's new ETag; throws <see cref="ConcurrencyException"/> when someone else won.
    /// </summary>
    public async Task<ETag> CommitAsync(Report updated, ETag etag, ReportEvent ev, IReadOnlyDictionary<string, object?>? eventExtras,
        IEnumerable<TableEntity> upserts, CancellationToken ct)
    {
        var evEntity = ReportStore.EventEntity(updated.UnitId, ev);
        foreach (var (k, v) in eventExtras ?? new Dictionary<string, object?>()) evEntity[k] = v;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ReportStore.ToEntity(updated), etag),
            new(TableTransactionActionType.Add, evEntity),
        };
        actions.AddRange(upserts.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        try
        {
            var result = await _table.SubmitTransactionAsync(actions, ct);
            return result.Value[0].Headers.ETag ?? (await _table.GetEntityAsync<TableEntity>(updated.UnitId, Key(updated.Id), cancellationToken: ct)).Value.ETag;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            throw new ConcurrencyException();
        }
    }

    public TableEntity VersionEntity(string reportId, ReportVersion v)
    {
        ReportIds.TryParse(reportId, out var unit, out var key);
        var e = new TableEntity(unit, $"{key}~v{v.Number:D4}")
        {
            ["Type"] = "version", ["Kind"] = v.Kind, ["Title"] = v.Title, ["Who"] = v.Who, ["At"] = v.At, ["Comment"] = v.Comment,
        };
        for (int i = 0, n = 0; i < v.Body.Length || n == 0; i += Chunk, n++)
            e[n == 0 ? "Body" : $"Body{n}"] = v.Body.Substring(i, Math.Min(Chunk, v.Body.Length - i));
        return e;
    }

    /// <summary>All versions, the original first (built from the report row).</summary>
    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Report report, CancellationToken ct)
    {
        var list = new List<ReportVersion> { new(1, "original", report.Title, report.Body, report.SubmittedBy, report.SubmittedAt, null) };
        await foreach (var e in Range(report.Id, "v", ct))
        {
            var body = new System.Text.StringBuilder(e.GetString("Body") ?? "");
            for (var n = 1; e.GetString($"Body{n}") is { } part; n++) body.Append(part);
            list.Add(new(int.Parse(e.RowKey[^4..]), e.GetString("Kind"), e.GetString("Title"), body.ToString(), e.GetString("Who"),
                e.GetDateTimeOffset("At") ?? default, e.GetString("Comment")));
        }
        return list;
    }

    public TableEntity CarrierEntity(string reportId, CarrierRecord c)
    {
        ReportIds.TryParse(reportId, out var unit, out var key);
        return new TableEntity(unit, $"{key}~a{c.CarrierId}")
        {
            ["Type"] = "carrier", ["CarrierId"] = c.CarrierId, ["CarrierName"] = c.CarrierName, ["Outcome"] = c.Outcome,
            ["ForwardedOn"] = c.ForwardedOn.ToString("yyyy-MM-dd"), ["ForwardedBy"] = c.ForwardedBy,
            ["AdoptedOn"] = c.AdoptedOn?.ToString("yyyy-MM-dd"), ["Issue"] = c.Issue, ["Page"] = c.Page, ["Url"] = c.Url,
            ["Evidence"] = c.Evidence, ["EndorsementLevel"] = c.EndorsementLevel, ["EndorsedBy"] = c.EndorsedBy,
            ["EndorsementText"] = c.EndorsementText, ["EventId"] = c.EventId, ["Note"] = c.Note,
        };
    }

    public async Task<IReadOnlyList<CarrierRecord>> CarriersAsync(string reportId, CancellationToken ct)
    {
        var list = new List<CarrierRecord>();
        await foreach (var e in Range(reportId, "a", ct))
        {
            static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
            list.Add(new(e.GetString("CarrierId"), e.GetString("CarrierName"), e.GetString("Outcome"), D(e.GetString("ForwardedOn")) ?? default,
                e.GetString("ForwardedBy"), D(e.GetString("AdoptedOn")), e.GetString("Issue"), e.GetString("Page"), e.GetString("Url"),
                e.GetString("Evidence"), e.GetString("EndorsementLevel"), e.GetString("EndorsedBy"), e.GetString("EndorsementText"),
                e.GetString("EventId"), e.GetString("Note")));
        }
        return list;
    }

    /// <summary>Event rows whose ledger messages were written but not yet confirmed as queued.</summary>
    public async Task<IReadOnlyList<(TableEntity Row, string Messages)>> PendingLedgerAsync(string reportId, CancellationToken ct)
    {
        var list = new List<(TableEntity, string)>();
        await foreach (var e in Range(reportId, "e", ct))
            if (e.GetBoolean("LedgerSent") == false && e.GetString("Ledger") is { } json) list.Add((e, json));
        return list;
    }

    public Task MarkLedgerSentAsync(TableEntity row, CancellationToken ct) =>
        _table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["LedgerSent"] = true }, ETag.All, TableUpdateMode.Merge, ct);

    private async IAsyncEnumerable<TableEntity> Range(string reportId, string kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (!ReportIds.TryParse(reportId, out var unit, out var key)) yield break;
        string from = $"{key}~{kind}", to = $"{key}~{(char)(kind[0] + 1)}";
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == unit && x.RowKey.CompareTo(from) > 0 && x.RowKey.CompareTo(to) < 0, cancellationToken: ct))
            yield return e;
    }

    /// <summary>Reports in any unit matching an OData filter on the report rows (work queues).</summary>
    public async Task<IReadOnlyList<Report>> QueryReportsAsync(string filter, int max, CancellationToken ct)
    {
        var list = new List<Report>();
        await foreach (var e in _table.QueryAsync<TableEntity>($"Type eq 'report' and ({filter})", cancellationToken: ct))
        {
            list.Add(ReportStore.FromEntity(e));
            if (list.Count >= max) break;
        }
        return list;
    }

    private static string Key(string reportId) { ReportIds.TryParse(reportId, out _, out var key); return key; }
}
