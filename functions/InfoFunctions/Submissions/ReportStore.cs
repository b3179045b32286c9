using System.Runtime.CompilerServices;

namespace InfoFunctions.Submissions;

/// <summary>
/// The reports table, the one class that opens it. PK unit id, RK report key (newest first); beside each
/// report in its partition (<see cref="ReportRows"/>): its events (RK <c>key~e0002</c>…), a pending large
/// upload (<c>key~u&lt;uploadId&gt;</c>), the review feature's text versions (<c>key~v0002</c>…) and carrier
/// records (<c>key~a&lt;carrierId&gt;</c>), and the outbox rows of changes not yet sent (<see cref="OutboxRows"/>,
/// at the end of the partition). Event 1, "received", is the report row itself: intake writes one
/// entity, not a transaction, because a transaction costs Azurite (and the service) far more than a single insert.
/// Idempotency-Key claims sit in partitions of their own (<see cref="IdempotencyClaim"/>), and so do the upload
/// links each person holds open (<see cref="OpenUploads"/>).
/// </summary>
public sealed class ReportStore(TableServiceClient tables)
{
    public const int MaxBodyLength = ReportRows.MaxTextLength;
    private static readonly string[] EventColumns =
        [
            "RowKey", "Sequence", "What", "Who", "At", "Why", "From", "To", "DuplicateOf",
            "SubmittedBy", "SubmittedAt", "IntakeNote",
        ];
    private static readonly string[] SummaryColumns =
    [
        "PartitionKey", "RowKey", "TrackingNumber", "Title", "Category", "Status", "Channel", "CharCount",
            "Attachments",
        "Authors", "SubmittedAt", "SubmittedBy", "TopicId", "EditorId",
    ];
    /// <summary>The summary and the current text (its first part: intake keeps bodies far shorter).</summary>
    private static readonly string[] SearchColumns = [.. SummaryColumns, "Body"];
    /// <summary>
    /// What period reports (通报, targets, rotation) read: every column a query returns costs Azurite (and the
    /// wire) on each of the many rows, so only these.
    /// </summary>
    private static readonly string[] PeriodColumns =
        ["PartitionKey", "RowKey", "Title", "Category", "Authors", "TopicId", "SubmittedBy", "SubmittedAt"];
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Reports);

    /// <summary>Stores a new report; false when a report with its id is already stored (a retry).</summary>
    public async Task<bool> CreateAsync(Report report, CancellationToken ct)
    {
        try { await _table.AddEntityAsync(ReportRows.ToEntity(report with { LastEvent = 1 }), ct); return true; }
        catch (RequestFailedException ex) when (ex.Status == 409) { return false; }
    }

    public async Task<(Report Report, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!ReportIds.TryParse(id, out var unit, out var key)) return null;
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(unit, key, cancellationToken: ct);
        return e.HasValue ? (ReportRows.FromEntity(e.Value!), e.Value!.ETag) : null;
    }

    /// <summary>
    /// A report's history: "received" from the report row, then the stored events, in one range query.
    /// </summary>
    public async Task<IReadOnlyList<ReportEvent>> EventsAsync(string id, CancellationToken ct)
    {
        if (!ReportIds.TryParse(id, out var unit, out var key)) return [];
        var list = new List<ReportEvent>();
        // The range also holds the report's carrier rows (key~a…), which are few and skipped.
        var rows = _table.QueryAsync<TableEntity>(
            x => x.PartitionKey == unit && x.RowKey.CompareTo(key) >= 0 && x.RowKey.CompareTo(key + "~f") < 0,
            select: EventColumns, cancellationToken: ct);
        await foreach (var e in rows)
            if (e.RowKey == key)
                list.Add(new ReportEvent(id, 1, "received", e.GetString("SubmittedBy"),
                    e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetString("IntakeNote")));
            else if (e.RowKey.StartsWith(key + "~" + ReportRows.Event, StringComparison.Ordinal))
                list.Add(ReportRows.ToEvent(id, e));
        return list;
    }

    /// <summary>
    /// The sequence number the report's next event gets (the one place it is computed): one after the row's
    /// <see cref="Report.LastEvent"/>, or, on a row written before it was kept, after the history as read.
    /// </summary>
    public async Task<int> NextSequenceAsync(Report report, CancellationToken ct) =>
        report.LastEvent is { } last ? last + 1 : (await EventsAsync(report.Id, ct)).Count + 1;

    /// <summary>
    /// One change of a report as one entity-group transaction: the report replaced at <paramref name="etag"/>,
    /// the event appended (with <paramref name="eventExtras"/>), rows beside it written or one removed, and the
    /// messages the change implies (<paramref name="outbox"/>, sent by the caller after the commit). Returns the
    /// report's new ETag, or null when someone else changed the report first (or the event number is taken).
    /// </summary>
    public async Task<ETag?> CommitAsync(
        Report updated, ETag etag, ReportEvent ev, IReadOnlyDictionary<string, object?>? eventExtras = null,
        IEnumerable<ITableEntity>? upserts = null, string? deleteRowKey = null, OutboxBatch? outbox = null,
        CancellationToken ct = default)
    {
        var evEntity = ReportRows.EventEntity(ev);
        foreach (var (k, v) in eventExtras ?? new Dictionary<string, object?>()) evEntity[k] = v;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ReportRows.ToEntity(updated with { LastEvent = ev.Sequence }),
                etag),
            new(TableTransactionActionType.Add, evEntity),
        };
        actions.AddRange((upserts ?? []).Select(e =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        if (deleteRowKey is not null)
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(updated.UnitId, deleteRowKey),
                ETag.All));
        if (outbox is not null) actions.AddRange(outbox.Actions);
        try
        {
            var result = await _table.SubmitTransactionAsync(actions, ct);
            if (result.Value[0].Headers.ETag is { } tag) return tag;
            ReportIds.TryParse(updated.Id, out var unit, out var key);
            return (await _table.GetEntityAsync<TableEntity>(unit, key, cancellationToken: ct)).Value.ETag;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the report at <paramref name="etag"/> and upserts rows beside it, in one transaction, without an event
    /// (a data upgrade that changes no state); false when the report changed meanwhile.
    /// </summary>
    public async Task<bool> ReplaceAsync(Report updated, ETag etag, IEnumerable<ITableEntity> rows,
        CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>
            { new(TableTransactionActionType.UpdateReplace, ReportRows.ToEntity(updated), etag) };
        actions.AddRange(rows.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        try { await _table.SubmitTransactionAsync(actions, ct); return true; }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404) { return false; }
    }

    /// <summary>Whether a one-time data upgrade named <paramref name="name"/> has been done.</summary>
    public async Task<bool> IsUpgradedAsync(string name, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(UpgradePartition, name, ["RowKey"], ct)).HasValue;

    public Task MarkUpgradedAsync(string name, DateTimeOffset at, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(UpgradePartition, name) { ["Type"] = "upgrade", ["At"] = at },
            TableUpdateMode.Replace, ct);

    /// <summary>Not a unit id (those have no <c>~</c>): the partition of the upgrade marks.</summary>
    private const string UpgradePartition = "~upgrades";

    // ---- Idempotency-Key claims ----

    /// <summary>Claims a key for <paramref name="reportId"/>, or finds whom it was claimed for before.</summary>
    public async Task<ClaimHolder> ClaimAsync(IdempotencyClaim claim, string reportId, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var row = new TableEntity(claim.PartitionKey, claim.RowKey)
                {
                    ["Type"] = "idempotency",
                    ["ReportId"] = reportId,
                    ["Fingerprint"] = claim.Fingerprint,
                };
                var added = await _table.AddEntityAsync(row, ct);
                return new ClaimHolder(reportId, claim.Fingerprint, added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var held = await _table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey,
                    cancellationToken: ct);
                if (held.HasValue)
                    return new ClaimHolder(held.Value!.GetString("ReportId"), held.Value.GetString("Fingerprint"),
                        held.Value.ETag);
                // released meanwhile by a request that failed: claim again
            }
        }
    }

    /// <summary>
    /// Gives a key back after the request that claimed it failed, so a corrected retry starts afresh.
    /// </summary>
    public async Task ReleaseAsync(IdempotencyClaim claim, ClaimHolder holder)
    {
        try { await _table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, holder.ETag, CancellationToken.None); }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { }
    }

    // ---- Large uploads ----

    public Task AddPendingUploadAsync(string reportId, string uploadId, string name, DateTimeOffset expires,
        string staging, string by, CancellationToken ct)
    {
        var (unit, rowKey) = ReportRows.Beside(reportId, ReportRows.Upload, uploadId);
        var row = new TableEntity(unit, rowKey)
        {
            ["Type"] = "upload",
            ["Name"] = name,
            ["ExpiresAt"] = expires,
            ["Staging"] = staging,
            ["By"] = by,
        };
        return _table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
    }

    /// <summary>The file names of the report's upload links neither confirmed nor expired at <paramref name="now"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingUploadNamesAsync(string reportId, DateTimeOffset now,
        CancellationToken ct)
    {
        var (unit, from) = ReportRows.Beside(reportId, ReportRows.Upload, "");
        var to = ReportRows.Beside(reportId, (char)(ReportRows.Upload + 1), "").RowKey;
        var names = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(
            x => x.PartitionKey == unit && x.RowKey.CompareTo(from) > 0 && x.RowKey.CompareTo(to) < 0,
            select: ["Name", "ExpiresAt"], cancellationToken: ct))
            if (e.GetDateTimeOffset("ExpiresAt") > now && e.GetString("Name") is { } name) names.Add(name);
        return names;
    }

    public async Task<PendingUpload?> GetPendingUploadAsync(string reportId, string uploadId, CancellationToken ct)
    {
        if (!ReportIds.TryParse(reportId, out _, out _)) return null;
        var (unit, rowKey) = ReportRows.Beside(reportId, ReportRows.Upload, uploadId);
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(unit, rowKey, cancellationToken: ct);
        return e.HasValue ? new PendingUpload(e.Value!.GetString("Name"),
            e.Value.GetDateTimeOffset("ExpiresAt") ?? default, rowKey, e.Value.GetString("Staging"),
            e.Value.GetString("By")) : null;
    }

    // ---- Queries over many reports ----

    /// <summary>Past the keys of reports submitted at <paramref name="at"/>: '~' sorts after any hex digit.</summary>
    private static string KeyAfter(DateTimeOffset at) => ReportIds.KeyPrefix(at) + "~";

    public async Task<ReportPage> ListAsync(ReportQuery q, int pageSize, string? continuation, CancellationToken ct)
    {
        if (q.CarrierId is not null) return await ByCarrierAsync(q, pageSize, continuation, ct);
        var filters = new List<string> { "Type eq 'report'" };
        if (q.UnitId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {q.UnitId}"));
            // Newest first: the period [from, to) is a row-key range; '~' sorts after every hex digit.
            if (q.To is { } to) filters.Add(TableClient.CreateQueryFilter($"RowKey gt {KeyAfter(to)}"));
            if (q.From is { } from) filters.Add(TableClient.CreateQueryFilter($"RowKey lt {KeyAfter(from)}"));
        }
        else
        {
            if (q.To is { } to) filters.Add(TableClient.CreateQueryFilter($"SubmittedAt lt {to}"));
            if (q.From is { } from) filters.Add(TableClient.CreateQueryFilter($"SubmittedAt ge {from}"));
        }
        if (q.Status is { } s) filters.Add(TableClient.CreateQueryFilter($"Status eq {s.ToString()}"));
        if (q.Category is { } c) filters.Add(TableClient.CreateQueryFilter($"Category eq {c.ToString()}"));

        var columns = q.Text is null ? SummaryColumns : SearchColumns;
        var pages = _table.QueryAsync<ReportRow>(string.Join(" and ", filters), pageSize, columns, ct);
        await foreach (var page in pages.AsPages(continuation, pageSize))
        {
            // Text is matched here (Table Storage has no substring filter), so a page may hold fewer items.
            var items = page.Values.Where(e => ContainsText(e, q.Text)).Select(e => e.ToSummary()).ToList();
            return new ReportPage(items, page.ContinuationToken);
        }
        return new ReportPage([], null);
    }

    /// <summary>
    /// Reports with a carrier record (forwarded or adopted) for the carrier: a page of those records, each
    /// report read by its key and the rest of the query applied to it.
    /// </summary>
    private async Task<ReportPage> ByCarrierAsync(ReportQuery q, int pageSize, string? continuation,
        CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"Type eq 'carrier' and CarrierId eq {q.CarrierId}");
        if (q.UnitId is not null) filter += " and " + TableClient.CreateQueryFilter($"PartitionKey eq {q.UnitId}");
        var records = _table.QueryAsync<TableEntity>(filter, pageSize, ["PartitionKey", "RowKey"], ct);
        await foreach (var page in records.AsPages(continuation, pageSize))
        {
            var items = new List<ReportSummary>();
            foreach (var record in page.Values)
            {
                var reportId = ReportRows.ReportIdOf(record.PartitionKey, record.RowKey);
                ReportIds.TryParse(reportId, out var unit, out var key);
                var row = await _table.GetEntityIfExistsAsync<ReportRow>(unit, key, SearchColumns, ct);
                if (row.HasValue && Matches(q, row.Value!)) items.Add(row.Value!.ToSummary());
            }
            return new ReportPage(items, page.ContinuationToken);
        }
        return new ReportPage([], null);
    }

    private static bool Matches(ReportQuery q, ReportRow r) =>
        (q.Status is null || r.Status == q.Status.ToString())
        && (q.Category is null || r.Category == q.Category.ToString())
        && (q.From is null || r.SubmittedAt >= q.From) && (q.To is null || r.SubmittedAt < q.To)
        && ContainsText(r, q.Text);

    private static bool ContainsText(ReportRow r, string? text) =>
        text is null || (r.Title ?? "").Contains(text, StringComparison.OrdinalIgnoreCase)
            || (r.Body ?? "").Contains(text, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One unit's reports submitted in [from, to), optionally only those naming a topic: a row-key range of
    /// <see cref="PeriodColumns"/> (the others are null).
    /// </summary>
    public async IAsyncEnumerable<ReportRow> InPeriodAsync(
        string unitId, DateTimeOffset from, DateTimeOffset to, string? topicId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        // Newest first: later instants have smaller keys; '~' sorts after every hex digit.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {unitId} and RowKey gt {KeyAfter(to)} and RowKey lt {KeyAfter(from)}")
            + " and Type eq 'report'";
        if (topicId is not null) filter += " and " + TableClient.CreateQueryFilter($"TopicId eq {topicId}");
        await foreach (var row in _table.QueryAsync<ReportRow>(filter, 1000, PeriodColumns, ct))
            if (row.SubmittedAt >= from && row.SubmittedAt < to) // keys are at millisecond precision
                yield return row;
    }

    /// <summary>
    /// One unit's reports still <see cref="ReportStatus.Received"/> whose ids were made in [from, to): a row-key
    /// range (the intake outbox's pending records, see <see cref="ReceivedReports"/>).
    /// </summary>
    public IAsyncEnumerable<ReportRow> ReceivedAsync(string unitId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct) =>
        _table.QueryAsync<ReportRow>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {unitId} and RowKey gt {KeyAfter(to)} and RowKey lt {KeyAfter(from)}")
            + TableClient.CreateQueryFilter($" and Type eq 'report' and Status eq {nameof(ReportStatus.Received)}"),
            select: ["PartitionKey", "RowKey", "TrackingNumber"], cancellationToken: ct);

    /// <summary>
    /// Report rows in any unit (work queues): in one of <paramref name="statuses"/>, assigned to
    /// <paramref name="editorId"/>, submitted by <paramref name="submittedBy"/>, as far as given; at most
    /// <paramref name="max"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReportRow>> FindAsync(
        IReadOnlyCollection<ReportStatus>? statuses, string? editorId, string? submittedBy, int max,
        CancellationToken ct)
    {
        var filters = new List<string> { "Type eq 'report'" };
        if (editorId is not null) filters.Add(TableClient.CreateQueryFilter($"EditorId eq {editorId}"));
        if (submittedBy is not null) filters.Add(TableClient.CreateQueryFilter($"SubmittedBy eq {submittedBy}"));
        if (statuses is { Count: > 0 })
            filters.Add("(" + string.Join(" or ", statuses.Select(s =>
                TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        var list = new List<ReportRow>();
        await foreach (var row in _table.QueryAsync<ReportRow>(string.Join(" and ", filters), select: SummaryColumns,
            cancellationToken: ct))
        {
            list.Add(row);
            if (list.Count >= max) break;
        }
        return list;
    }

    /// <summary>
    /// The id of the report with <paramref name="trackingNumber"/>: a scan of report rows, for the rare mail reply
    /// that lost its In-Reply-To and names the number only in its subject.
    /// </summary>
    public async Task<string?> IdOfTrackingNumberAsync(string trackingNumber, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"Type eq {"report"} and TrackingNumber eq {trackingNumber}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, 1, ["PartitionKey", "RowKey"], ct))
            return ReportIds.Of(row.PartitionKey, row.RowKey);
        return null;
    }

    // ---- Rows beside a report that other features define (review: versions, carrier records) ----

    /// <summary>The rows of <paramref name="kind"/> beside a report, in row-key order.</summary>
    public IAsyncEnumerable<TableEntity> BesideAsync(string reportId, char kind, CancellationToken ct) =>
        BesideAsync<TableEntity>(reportId, kind, ct);

    public async IAsyncEnumerable<T> BesideAsync<T>(string reportId, char kind,
        [EnumeratorCancellation] CancellationToken ct)
        where T : class, ITableEntity
    {
        if (!ReportIds.TryParse(reportId, out var unit, out var key)) yield break;
        string from = $"{key}~{kind}", to = $"{key}~{(char)(kind + 1)}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unit} and RowKey gt {from} and RowKey lt {to}");
        await foreach (var e in _table.QueryAsync<T>(filter, cancellationToken: ct)) yield return e;
    }

    /// <summary>
    /// Rows of <paramref name="type"/> beside any report, matching an OData filter (the adoption register).
    /// </summary>
    public IAsyncEnumerable<T> BesideAnyAsync<T>(string type, string filter,
        CancellationToken ct) where T : class, ITableEntity =>
        _table.QueryAsync<T>(TableClient.CreateQueryFilter($"Type eq {type}") + $" and ({filter})",
            cancellationToken: ct);

    /// <summary>Sets properties of a row beside a report, leaving the others.</summary>
    public Task MergeAsync(TableEntity row, CancellationToken ct) =>
        _table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, ct);
}
