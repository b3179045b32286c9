using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;

namespace InfoFunctions.Submissions;

public enum CreateResult { Created, AlreadyExists, KeyTaken }

/// <summary>What creating a report did; for <see cref="CreateResult.KeyTaken"/>, the report the key already names.</summary>
public sealed record CreateOutcome(CreateResult Result, string ReportId, string? Fingerprint);

/// <summary>
/// An <c>Idempotency-Key</c> claim, kept beside the report in its unit's partition (RK <c>i-&lt;hash&gt;</c>,
/// hash of caller and key), so claiming costs nothing beyond the report's own transaction.
/// </summary>
public sealed record IdempotencyClaim(string RowKey, string? Fingerprint)
{
    public static IdempotencyClaim For(string callerId, string key, string? fingerprint) =>
        new("i-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(callerId + "\n" + key))), fingerprint);
}

public sealed record ReportQuery(string? UnitId, ReportStatus? Status, ReportCategory? Category, DateTimeOffset? From, DateTimeOffset? To, string? TitleContains);

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, string? ContinuationToken);

public sealed record ReportSummary(string Id, string TrackingNumber, string UnitId, string Title, ReportCategory Category, ReportStatus Status, Channel Channel, int CharCount, int AttachmentCount, IReadOnlyList<ReportAuthor> Authors, DateTimeOffset SubmittedAt);

/// <summary>
/// Reports table: PK unit id, RK report key (newest first); each report's events follow it in
/// the same partition (RK <c>key~e0001</c>), written in the same entity-group transaction, and a
/// pending large upload is <c>key~u&lt;uploadId&gt;</c>.
/// </summary>
public sealed class ReportStore(TableServiceClient tables)
{
    private const int BodyChunk = 30_000; // chars per property (64 KiB UTF-16 limit)
    private const int MaxBodyChunks = 12;
    public const int MaxBodyLength = BodyChunk * MaxBodyChunks;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Reports);

    /// <summary>
    /// Stores a report, its first event and (with an <c>Idempotency-Key</c>) the key's claim in one
    /// entity-group transaction: one storage operation, and a repeated key fails atomically.
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(Report report, ReportEvent first, IdempotencyClaim? claim, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>();
        if (claim is not null)
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(report.UnitId, claim.RowKey)
            {
                ["Type"] = "idempotency",
                ["ReportId"] = report.Id,
                ["Fingerprint"] = claim.Fingerprint,
            }));
        actions.Add(new(TableTransactionActionType.Add, ToEntity(report)));
        actions.Add(new(TableTransactionActionType.Add, EventEntity(report.UnitId, first)));
        try
        {
            await _table.SubmitTransactionAsync(actions, ct);
            return new CreateOutcome(CreateResult.Created, report.Id, null);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            if (claim is not null && ex.FailedTransactionActionIndex is 0 or null)
            {
                var held = await _table.GetEntityIfExistsAsync<TableEntity>(report.UnitId, claim.RowKey, cancellationToken: ct);
                if (held.HasValue)
                    return new CreateOutcome(CreateResult.KeyTaken, held.Value!.GetString("ReportId"), held.Value.GetString("Fingerprint"));
            }
            return new CreateOutcome(CreateResult.AlreadyExists, report.Id, null);
        }
    }

    public async Task<(Report Report, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!ReportIds.TryParse(id, out var unit, out var key)) return null;
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(unit, key, cancellationToken: ct);
        return e.HasValue ? (FromEntity(e.Value!), e.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<ReportEvent>> EventsAsync(string id, CancellationToken ct)
    {
        if (!ReportIds.TryParse(id, out var unit, out var key)) return [];
        var list = new List<ReportEvent>();
        var from = key + "~e";
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == unit && x.RowKey.CompareTo(from) > 0 && x.RowKey.CompareTo(key + "~f") < 0, cancellationToken: ct))
            list.Add(new ReportEvent(id, (int)(e.GetInt32("Sequence") ?? 0), e.GetString("What"), e.GetString("Who"), e.GetDateTimeOffset("At") ?? default, e.GetString("Why")));
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

    private static TableEntity EventEntity(string unitId, ReportEvent ev)
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
        };
    }

    private static TableEntity ToEntity(Report r)
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
        };
        // Long bodies are split over several properties (64 KiB each) within the 1 MiB entity.
        for (int i = 0, n = 0; i < r.Body.Length || n == 0; i += BodyChunk, n++)
            e[n == 0 ? "Body" : $"Body{n}"] = r.Body.Substring(i, Math.Min(BodyChunk, r.Body.Length - i));
        return e;
    }

    private static Report FromEntity(TableEntity e)
    {
        var body = new System.Text.StringBuilder(e.GetString("Body") ?? "");
        for (var n = 1; e.GetString($"Body{n}") is { } part; n++) body.Append(part);
        return new Report(
            $"{e.PartitionKey}{ReportIds.Separator}{e.RowKey}", e.GetString("TrackingNumber"), e.PartitionKey, e.GetString("Title"), body.ToString(),
            Enum.Parse<ReportCategory>(e.GetString("Category")), Deserialize<List<ReportAuthor>>(e.GetString("Authors")),
            e.GetString("TopicId"), Enum.Parse<Channel>(e.GetString("Channel")), Deserialize<List<Attachment>>(e.GetString("Attachments")),
            Enum.Parse<ReportStatus>(e.GetString("Status")), e.GetInt32("CharCount") ?? 0, e.GetString("SubmittedBy"),
            e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetString("SourceMailId"));
    }
}
