using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;

namespace InfoFunctions.Submissions;

/// <summary>
/// An <c>Idempotency-Key</c> claim, row <c>&lt;hash&gt;</c> of caller and key in partition <c>claims~&lt;first two hex digits&gt;</c>
/// (no unit id has a <c>~</c>). Claims need not sit beside the reports (nothing writes both at once), so they spread over 256
/// partitions and leave the units' partitions to reports; that also keeps them cheap on Azurite, whose
/// insert cost grows with the partition. <see cref="Fingerprint"/> is the request's hash where requests can be compared.
/// </summary>
public sealed record IdempotencyClaim(string PartitionKey, string RowKey, string? Fingerprint)
{
    public static IdempotencyClaim For(string callerId, string key, string? fingerprint)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(callerId + "\n" + key)));
        return new("claims~" + hash[..2], hash, fingerprint);
    }
}

/// <summary>Whom a key belongs to: <see cref="ReportId"/> is the id it was claimed for, by this request or an earlier one.</summary>
public sealed record ClaimHolder(string ReportId, string? Fingerprint, ETag ETag);

public sealed record ReportQuery(string? UnitId, ReportStatus? Status, ReportCategory? Category, DateTimeOffset? From, DateTimeOffset? To, string? TitleContains);

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, string? ContinuationToken);

public sealed record ReportSummary(string Id, string TrackingNumber, string UnitId, string Title, ReportCategory Category, ReportStatus Status, Channel Channel, int CharCount, int AttachmentCount, IReadOnlyList<ReportAuthor> Authors, DateTimeOffset SubmittedAt);

/// <summary>
/// Reports table: PK unit id, RK report key (newest first); each report's events follow it in
/// the same partition (RK <c>key~e0002</c>…), and a pending large upload is <c>key~u&lt;uploadId&gt;</c>.
/// Event 1, "received", is the report row itself: intake writes one entity, not a transaction,
/// because a transaction costs Azurite (and the service) far more than a single insert.
/// </summary>
public sealed class ReportStore(TableServiceClient tables)
{
    private const int BodyChunk = 30_000; // chars per property (64 KiB UTF-16 limit)
    private const int MaxBodyChunks = 12;
    public const int MaxBodyLength = BodyChunk * MaxBodyChunks;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Reports);

    /// <summary>Stores a new report; false when a report with its id is already stored (a retry).</summary>
    public async Task<bool> CreateAsync(Report report, CancellationToken ct)
    {
        try { await _table.AddEntityAsync(ToEntity(report), ct); return true; }
        catch (RequestFailedException ex) when (ex.Status == 409) { return false; }
    }

    /// <summary>Claims a key for <paramref name="reportId"/>, or finds whom it was claimed for before.</summary>
    public async Task<ClaimHolder> ClaimAsync(IdempotencyClaim claim, string reportId, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var added = await _table.AddEntityAsync(new TableEntity(claim.PartitionKey, claim.RowKey)
                {
                    ["Type"] = "idempotency",
                    ["ReportId"] = reportId,
                    ["Fingerprint"] = claim.Fingerprint,
                }, ct);
                return new ClaimHolder(reportId, claim.Fingerprint, added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var held = await _table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: ct);
                if (held.HasValue) return new ClaimHolder(held.Value!.GetString("ReportId"), held.Value.GetString("Fingerprint"), held.Value.ETag);
                // released meanwhile by a request that failed: claim again
            }
        }
    }

    /// <summary>Gives a key back after the request that claimed it failed, so a corrected retry starts afresh.</summary>
    public async Task ReleaseAsync(IdempotencyClaim claim, ClaimHolder holder)
    {
        try { await _table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, holder.ETag, CancellationToken.None); }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { }
    }

    public async Task<(Report Report, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!ReportIds.TryParse(id, out var unit, out var key)) return null;
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(unit, key, cancellationToken: ct);
        return e.HasValue ? (FromEntity(e.Value!), e.Value!.ETag) : null;
    }

    /// <summary>A report's history: "received" from the report row, then the stored events, in one range query.</summary>
    public async Task<IReadOnlyList<ReportEvent>> EventsAsync(string id, CancellationToken ct)
    {
        if (!ReportIds.TryParse(id, out var unit, out var key)) return [];
        var list = new List<ReportEvent>();
        string[] columns = ["RowKey", "Sequence", "What", "Who", "At", "Why", "From", "To", "SubmittedBy", "SubmittedAt", "IntakeNote"];
        // The range also holds the report's carrier rows (key~a…), which are few and skipped.
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == unit && x.RowKey.CompareTo(key) >= 0 && x.RowKey.CompareTo(key + "~f") < 0, select: columns, cancellationToken: ct))
            if (e.RowKey == key)
                list.Add(new ReportEvent(id, 1, "received", e.GetString("SubmittedBy"), e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetString("IntakeNote")));
            else if (e.RowKey.StartsWith(key + "~e", StringComparison.Ordinal))
                list.Add(new ReportEvent(id, e.GetInt32("Sequence") ?? 0, e.GetString("What"), e.GetString("Who"), e.GetDateTimeOffset("At") ?? default, e.GetString("Why"), e.GetString("From"), e.GetString("To")));
        return list;
    }

    /// <summary>Adds an attachment and its event; <see cref="RequestFailedException"/> 412 when the report changed meanwhile.</summary>
    public async Task AddAttachmentAsync(Report report, ETag etag, Attachment attachment, ReportEvent ev, string? pendingUploadRowKey, CancellationToken ct)
    {
        var updated = report with { Attachments = [.. report.Attachments, attachment] };
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(updated), etag),
            new(TableTransactionActionType.Add, EventEntity(report.UnitId, ev)),
        };
        if (pendingUploadRowKey is not null)
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(report.UnitId, pendingUploadRowKey), ETag.All));
        await _table.SubmitTransactionAsync(actions, ct);
    }

    public async Task AddPendingUploadAsync(string reportId, string uploadId, string name, DateTimeOffset expires, CancellationToken ct)
    {
        ReportIds.TryParse(reportId, out var unit, out var key);
        await _table.UpsertEntityAsync(new TableEntity(unit, key + "~u" + uploadId) { ["Type"] = "upload", ["Name"] = name, ["ExpiresAt"] = expires }, TableUpdateMode.Replace, ct);
    }

    public async Task<(string Name, DateTimeOffset ExpiresAt, string RowKey)?> GetPendingUploadAsync(string reportId, string uploadId, CancellationToken ct)
    {
        if (!ReportIds.TryParse(reportId, out var unit, out var key)) return null;
        var rk = key + "~u" + uploadId;
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(unit, rk, cancellationToken: ct);
        return e.HasValue ? (e.Value!.GetString("Name"), e.Value.GetDateTimeOffset("ExpiresAt") ?? default, rk) : null;
    }

    public async Task<ReportPage> ListAsync(ReportQuery q, int pageSize, string? continuation, CancellationToken ct)
    {
        var filters = new List<string> { "Type eq 'report'" };
        if (q.UnitId is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {q.UnitId}"));
            // Newest first: the period [from, to) is a row-key range; '~' sorts after every hex digit.
            if (q.To is { } to) filters.Add(TableClient.CreateQueryFilter($"RowKey gt {ReportIds.KeyPrefix(to) + "~"}"));
            if (q.From is { } from) filters.Add(TableClient.CreateQueryFilter($"RowKey lt {ReportIds.KeyPrefix(from) + "~"}"));
        }
        else
        {
            if (q.To is { } to) filters.Add(TableClient.CreateQueryFilter($"SubmittedAt lt {to}"));
            if (q.From is { } from) filters.Add(TableClient.CreateQueryFilter($"SubmittedAt ge {from}"));
        }
        if (q.Status is { } s) filters.Add(TableClient.CreateQueryFilter($"Status eq {s.ToString()}"));
        if (q.Category is { } c) filters.Add(TableClient.CreateQueryFilter($"Category eq {c.ToString()}"));

        var select = new[] { "PartitionKey", "RowKey", "TrackingNumber", "Title", "Category", "Status", "Channel", "CharCount", "Attachments", "Authors", "SubmittedAt" };
        await foreach (var page in _table.QueryAsync<TableEntity>(string.Join(" and ", filters), pageSize, select, ct).AsPages(continuation, pageSize))
        {
            // Title text is matched here (Table Storage has no substring filter), so a page may hold fewer items.
            var items = page.Values
                .Where(e => q.TitleContains is null || (e.GetString("Title") ?? "").Contains(q.TitleContains, StringComparison.OrdinalIgnoreCase))
                .Select(e => new ReportSummary(
                    $"{e.PartitionKey}{ReportIds.Separator}{e.RowKey}", e.GetString("TrackingNumber"), e.PartitionKey, e.GetString("Title"),
                    Enum.Parse<ReportCategory>(e.GetString("Category")), Enum.Parse<ReportStatus>(e.GetString("Status")),
                    Enum.Parse<Channel>(e.GetString("Channel")), e.GetInt32("CharCount") ?? 0,
                    Deserialize<List<Attachment>>(e.GetString("Attachments")).Count,
                    Deserialize<List<ReportAuthor>>(e.GetString("Authors")),
                    e.GetDateTimeOffset("SubmittedAt") ?? default))
                .ToList();
            return new ReportPage(items, page.ContinuationToken);
        }
        return new ReportPage([], null);
    }

    private static T Deserialize<T>(string? json) where T : new() => json is null ? new T() : JsonSerializer.Deserialize<T>(json, Json.Options) ?? new T();

    public static TableEntity EventEntity(string unitId, ReportEvent ev)
    {
        ReportIds.TryParse(ev.ReportId, out _, out var key);
        return new TableEntity(unitId, $"{key}~e{ev.Sequence:D4}")
        {
            ["Type"] = "event",
            ["Sequence"] = ev.Sequence,
            ["What"] = ev.What,
            ["Who"] = ev.Who,
            ["At"] = ev.At,
            ["Why"] = ev.Why,
            ["From"] = ev.From,
            ["To"] = ev.To,
        };
    }

    public static TableEntity ToEntity(Report r)
    {
        ReportIds.TryParse(r.Id, out var unit, out var key);
        var e = new TableEntity(unit, key)
        {
            ["Type"] = "report",
            ["TrackingNumber"] = r.TrackingNumber,
            ["Title"] = r.Title,
            ["Category"] = r.Category.ToString(),
            ["Authors"] = JsonSerializer.Serialize(r.Authors, Json.Options),
            ["TopicId"] = r.TopicId,
            ["Channel"] = r.Channel.ToString(),
            ["Attachments"] = JsonSerializer.Serialize(r.Attachments, Json.Options),
            ["Status"] = r.Status.ToString(),
            ["CharCount"] = r.CharCount,
            ["SubmittedBy"] = r.SubmittedBy,
            ["SubmittedAt"] = r.SubmittedAt,
            ["SourceMailId"] = r.SourceMailId,
            ["IntakeNote"] = r.IntakeNote,
            ["EditorId"] = r.EditorId,
            ["Round"] = r.Round,
        };
        // Long bodies are split over several properties (64 KiB each) within the 1 MiB entity.
        for (int i = 0, n = 0; i < r.Body.Length || n == 0; i += BodyChunk, n++)
            e[n == 0 ? "Body" : $"Body{n}"] = r.Body.Substring(i, Math.Min(BodyChunk, r.Body.Length - i));
        return e;
    }

    public static Report FromEntity(TableEntity e)
    {
        var body = new System.Text.StringBuilder(e.GetString("Body") ?? "");
        for (var n = 1; e.GetString($"Body{n}") is { } part; n++) body.Append(part);
        return new Report(
            $"{e.PartitionKey}{ReportIds.Separator}{e.RowKey}", e.GetString("TrackingNumber"), e.PartitionKey, e.GetString("Title"), body.ToString(),
            Enum.Parse<ReportCategory>(e.GetString("Category")), Deserialize<List<ReportAuthor>>(e.GetString("Authors")),
            e.GetString("TopicId"), Enum.Parse<Channel>(e.GetString("Channel")), Deserialize<List<Attachment>>(e.GetString("Attachments")),
            Enum.Parse<ReportStatus>(e.GetString("Status")), e.GetInt32("CharCount") ?? 0, e.GetString("SubmittedBy"),
            e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetString("SourceMailId"), e.GetString("EditorId"), e.GetInt32("Round") ?? 1, e.GetString("IntakeNote"));
    }
}
