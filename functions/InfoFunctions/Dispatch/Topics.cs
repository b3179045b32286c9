using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

public enum TopicResponse { Pending, Accepted, Declined }

/// <summary>A commissioned topic (约稿). The deadline is the end of <see cref="DeadlineDay"/> in Asia/Shanghai.</summary>
public sealed record Topic(
    string Id, string Title, string Brief, ReportCategory? Category, string? CarrierId, DateOnly DeadlineDay,
    bool PenalizeMiss, string CreatedBy, string CreatedByName, DateTimeOffset CreatedAt)
{
    public DateTimeOffset Deadline => Cst.StartOf(DeadlineDay.AddDays(1));
}

/// <summary>
/// One addressee: a unit (its officers answer) or a person. <see cref="UnitId"/> is the person's unit for a person.
/// <see cref="Key"/> is <c>unit-&lt;id&gt;</c> or <c>person-&lt;id&gt;</c>.
/// </summary>
public sealed record TopicAddressee(
    string Key, string UnitId, string? PersonId, string Name, TopicResponse Response, string? Reason,
    IReadOnlyList<string> LinkedReports, DateTimeOffset? ReminderSentAt, DateTimeOffset? OverdueSentAt)
{
    public static string KeyFor(string? unitId, string? personId) => personId is not null ? "person-" + personId : "unit-" + unitId;
}

/// <summary>An addressee's standing with the reports that count for it.</summary>
public sealed record AddresseeView(string Key, string UnitId, string? PersonId, string Name, TopicResponse Response, string? Reason,
    TopicStatus Status, IReadOnlyList<string> Reports, DateTimeOffset? ReminderSentAt, DateTimeOffset? OverdueSentAt);

public sealed record TopicView(Topic Topic, DateTimeOffset Deadline, IReadOnlyList<AddresseeView> Addressees);

public sealed record TopicInput(string? Title, string? Brief, string? Category, string? CarrierId, string? Deadline,
    IReadOnlyList<string>? UnitIds, IReadOnlyList<string>? PersonIds, bool? PenalizeMiss);

public sealed record TopicResponseInput(bool? Accept, string? Reason);

public sealed record TopicLinkInput(string? ReportId);

public static class TopicRules
{
    public const int MaxAddressees = 200;

    /// <summary>
    /// Fulfilled once a report counting for the addressee was submitted by the deadline (a late report does not
    /// undo the miss); declined stands as given; overdue after the deadline otherwise.
    /// </summary>
    public static TopicStatus Status(Topic t, TopicAddressee a, IEnumerable<ReportFacts> reports, DateTimeOffset now)
    {
        if (reports.Any(r => r.SubmittedAt < t.Deadline)) return TopicStatus.Fulfilled;
        if (a.Response == TopicResponse.Declined) return TopicStatus.Declined;
        if (now >= t.Deadline) return TopicStatus.Overdue;
        return a.Response == TopicResponse.Accepted ? TopicStatus.Accepted : TopicStatus.Open;
    }

    /// <summary>What the reminder timer owes an addressee now.</summary>
    public static (bool Remind, bool Overdue) Due(Topic t, TopicAddressee a, TopicStatus status, DateTimeOffset now, TimeSpan reminderLead)
    {
        if (status is TopicStatus.Fulfilled or TopicStatus.Declined) return (false, false);
        if (now >= t.Deadline) return (false, a.OverdueSentAt is null);
        return (a.ReminderSentAt is null && now >= t.Deadline - reminderLead, false);
    }

    public static (TopicInput? Ok, IReadOnlyList<FieldError> Errors, ReportCategory? Category, DateOnly Deadline) Validate(TopicInput i, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(i.Title)) errors.Add(new("title", "约稿题目不能为空。"));
        else if (i.Title.Length > 200) errors.Add(new("title", "约稿题目过长（最多 200 个字符）。"));
        if (i.Brief is { Length: > 4000 }) errors.Add(new("brief", "约稿要求过长（最多 4000 个字符）。"));
        ReportCategory? category = null;
        if (!string.IsNullOrWhiteSpace(i.Category))
        {
            category = Categories.Parse(i.Category);
            if (category is null) errors.Add(new("category", $"类别“{i.Category}”无效；可选：日常动态、典型经验、综合调研、建议、其他。"));
        }
        if (!Cst.TryParseDay(i.Deadline, out var deadline)) errors.Add(new("deadline", "截止日期格式应为 yyyy-MM-dd（北京时间）。"));
        else if (deadline < today) errors.Add(new("deadline", "截止日期不能早于今天。"));
        var count = (i.UnitIds?.Count ?? 0) + (i.PersonIds?.Count ?? 0);
        if (count == 0) errors.Add(new("unitIds", "请至少指定一个约稿对象（单位 unitIds 或人员 personIds）。"));
        else if (count > MaxAddressees) errors.Add(new("unitIds", $"约稿对象最多 {MaxAddressees} 个。"));
        return (errors.Count == 0 ? i : null, errors, category, deadline);
    }
}

/// <summary>Topics table: PK topic id; RK "topic" holds the topic, RK "a~&lt;key&gt;" each addressee, so a topic is one partition.</summary>
public sealed class TopicStore(TableServiceClient tables)
{
    private const string TopicRow = "topic";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Topics);

    public async Task CreateAsync(Topic t, IReadOnlyList<TopicAddressee> addressees, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(t)) };
        actions.AddRange(addressees.Select(a => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(t.Id, a))));
        foreach (var chunk in actions.Chunk(100)) await _table.SubmitTransactionAsync(chunk, ct);
    }

    public async Task<(Topic Topic, List<(TopicAddressee A, ETag ETag)> Addressees)?> GetAsync(string id, CancellationToken ct)
    {
        Topic? topic = null;
        var list = new List<(TopicAddressee, ETag)>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == id, cancellationToken: ct))
        {
            if (e.RowKey == TopicRow) topic = TopicFrom(e);
            else list.Add((AddresseeFrom(e), e.ETag));
        }
        return topic is null ? null : (topic, list);
    }

    /// <summary>Topics whose deadline day falls in [from, to] (CST days); all when both are null.</summary>
    public async Task<IReadOnlyList<Topic>> ListAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var filter = $"RowKey eq '{TopicRow}'";
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"DeadlineDay ge {Cst.Format(f)}");
        if (to is { } t) filter += " and " + TableClient.CreateQueryFilter($"DeadlineDay le {Cst.Format(t)}");
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
        ["Title"] = t.Title, ["Brief"] = t.Brief, ["Category"] = t.Category?.ToString(), ["CarrierId"] = t.CarrierId,
        ["DeadlineDay"] = Cst.Format(t.DeadlineDay), ["PenalizeMiss"] = t.PenalizeMiss,
        ["CreatedBy"] = t.CreatedBy, ["CreatedByName"] = t.CreatedByName, ["CreatedAt"] = t.CreatedAt,
    };

    private static Topic TopicFrom(TableEntity e)
    {
        Cst.TryParseDay(e.GetString("DeadlineDay"), out var day);
        return new Topic(e.PartitionKey, e.GetString("Title") ?? "", e.GetString("Brief") ?? "",
            Enum.TryParse<ReportCategory>(e.GetString("Category"), out var c) ? c : null, e.GetString("CarrierId"), day,
            e.GetBoolean("PenalizeMiss") ?? true, e.GetString("CreatedBy") ?? "", e.GetString("CreatedByName") ?? "", e.GetDateTimeOffset("CreatedAt") ?? default);
    }

    private static TableEntity ToEntity(string topicId, TopicAddressee a) => new(topicId, "a~" + a.Key)
    {
        ["UnitId"] = a.UnitId, ["PersonId"] = a.PersonId, ["Name"] = a.Name, ["Response"] = a.Response.ToString(), ["Reason"] = a.Reason,
        ["LinkedReports"] = JsonSerializer.Serialize(a.LinkedReports, Json.Options),
        ["ReminderSentAt"] = a.ReminderSentAt, ["OverdueSentAt"] = a.OverdueSentAt,
    };

    private static TopicAddressee AddresseeFrom(TableEntity e) => new(
        e.RowKey[2..], e.GetString("UnitId") ?? "", e.GetString("PersonId"), e.GetString("Name") ?? "",
        Enum.TryParse<TopicResponse>(e.GetString("Response"), out var r) ? r : TopicResponse.Pending, e.GetString("Reason"),
        e.GetString("LinkedReports") is { } l ? JsonSerializer.Deserialize<List<string>>(l, Json.Options) ?? [] : [],
        e.GetDateTimeOffset("ReminderSentAt"), e.GetDateTimeOffset("OverdueSentAt"));
}
