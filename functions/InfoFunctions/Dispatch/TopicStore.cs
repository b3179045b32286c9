using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>
/// Topics table: PK topic id; RK "topic" holds the topic, RK "a~&lt;key&gt;" each addressee, so a topic is one
/// partition (with, until sent, the outbox rows of its notices).
/// </summary>
public sealed class TopicStore(TableServiceClient tables)
{
    private const string TopicRow = "topic";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Topics);

    /// <summary>The topic, its notices' outbox rows and (up to 100 entities a transaction) its addressees.</summary>
    public async Task CreateAsync(Topic t, IReadOnlyList<TopicAddressee> addressees, OutboxBatch outbox,
        CancellationToken ct)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(t)) };
        actions.AddRange(outbox.Actions);
        actions.AddRange(addressees.Select(a =>
            new TableTransactionAction(TableTransactionActionType.Add, ToEntity(t.Id, a))));
        foreach (var chunk in actions.Chunk(100)) await _table.SubmitTransactionAsync(chunk, ct);
    }

    public async Task<(Topic Topic, List<(TopicAddressee A, ETag ETag)> Addressees)?> GetAsync(
        string id, CancellationToken ct)
    {
        Topic? topic = null;
        var list = new List<(TopicAddressee, ETag)>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x =>
            x.PartitionKey == id && x.RowKey.CompareTo(OutboxRows.Prefix) < 0, cancellationToken: ct))
        {
            if (e.RowKey == TopicRow) topic = TopicFrom(e);
            else list.Add((AddresseeFrom(e), e.ETag));
        }
        return topic is null ? null : (topic, list);
    }

    /// <summary>Topics whose deadline day falls in [from, to] (Beijing days); all when both are null.</summary>
    public async Task<IReadOnlyList<Topic>> ListAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var filter = $"RowKey eq '{TopicRow}'";
        if (from is { } f) filter += TableClient.CreateQueryFilter($" and DeadlineDay ge {BusinessTime.Format(f)}");
        if (to is { } t) filter += TableClient.CreateQueryFilter($" and DeadlineDay le {BusinessTime.Format(t)}");
        var list = new List<Topic>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) list.Add(TopicFrom(e));
        return list.OrderByDescending(x => x.DeadlineDay).ThenBy(x => x.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces an addressee if unchanged since read; false when someone else wrote first.</summary>
    public async Task<bool> ReplaceAsync(string topicId, TopicAddressee a, ETag etag, CancellationToken ct)
    {
        try { await _table.UpdateEntityAsync(ToEntity(topicId, a), etag, TableUpdateMode.Replace, ct); return true; }
        catch (RequestFailedException ex) when (ex.Status == 412) { return false; }
    }

    private static TableEntity ToEntity(Topic t) => new(t.Id, TopicRow)
    {
        ["Title"] = t.Title,
        ["Brief"] = t.Brief,
        ["Category"] = t.Category?.ToString(),
        ["CarrierId"] = t.CarrierId,
        ["DeadlineDay"] = BusinessTime.Format(t.DeadlineDay),
        ["PenalizeMiss"] = t.PenalizeMiss,
        ["CreatedBy"] = t.CreatedBy,
        ["CreatedByName"] = t.CreatedByName,
        ["CreatedAt"] = t.CreatedAt,
    };

    private static Topic TopicFrom(TableEntity e)
    {
        BusinessTime.TryParseDay(e.GetString("DeadlineDay"), out var day);
        return new Topic(e.PartitionKey, e.GetString("Title") ?? "", e.GetString("Brief") ?? "",
            Enum.TryParse<ReportCategory>(e.GetString("Category"), out var c) ? c : null, e.GetString("CarrierId"), day,
            e.GetBoolean("PenalizeMiss") ?? true, e.GetString("CreatedBy") ?? "", e.GetString("CreatedByName") ?? "",
            e.GetDateTimeOffset("CreatedAt") ?? default);
    }

    private static TableEntity ToEntity(string topicId, TopicAddressee a) => new(topicId, "a~" + a.Key)
    {
        ["UnitId"] = a.UnitId,
        ["PersonId"] = a.PersonId,
        ["Name"] = a.Name,
        ["Response"] = a.Response.ToString(),
        ["Reason"] = a.Reason,
        ["LinkedReports"] = JsonSerializer.Serialize(a.LinkedReports, Json.Options),
        ["ReminderSentAt"] = a.ReminderSentAt,
        ["OverdueSentAt"] = a.OverdueSentAt,
    };

    private static TopicAddressee AddresseeFrom(TableEntity e) => new(
        e.RowKey[2..], e.GetString("UnitId") ?? "", e.GetString("PersonId"), e.GetString("Name") ?? "",
        Enum.TryParse<TopicResponse>(e.GetString("Response"), out var r) ? r : TopicResponse.Pending,
        e.GetString("Reason"),
        e.GetString("LinkedReports") is { } l ? JsonSerializer.Deserialize<List<string>>(l, Json.Options) ?? [] : [],
        e.GetDateTimeOffset("ReminderSentAt"), e.GetDateTimeOffset("OverdueSentAt"));
}
