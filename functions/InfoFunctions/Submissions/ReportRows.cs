namespace InfoFunctions.Submissions;

/// <summary>
/// The rows of the reports table as <see cref="ReportStore"/> lays them out: the report row, and beside it
/// (row key <c>&lt;report key&gt;~&lt;kind&gt;…</c>) its events, pending uploads, text versions and carrier records.
/// </summary>
public static class ReportRows
{
    /// <summary>Row kinds that follow a report's key, in row-key order after the report itself.</summary>
    public const char Carrier = 'a', Event = 'e', Upload = 'u', Version = 'v';

    /// <summary>Characters per property: a string property holds at most 64 KiB of UTF-16.</summary>
    private const int TextChunk = 30_000;
    private const int MaxTextChunks = 12;
    public const int MaxTextLength = TextChunk * MaxTextChunks;

    /// <summary>The partition and row key of a row of <paramref name="kind"/> beside a report.</summary>
    public static (string PartitionKey, string RowKey) Beside(string reportId, char kind, string suffix)
    {
        ReportIds.TryParse(reportId, out var unit, out var key);
        return (unit, $"{key}~{kind}{suffix}");
    }

    /// <summary>The id of the report a row beside it belongs to (a report key holds no <c>~</c>).</summary>
    public static string ReportIdOf(string partitionKey, string besideRowKey) =>
        ReportIds.Of(partitionKey, besideRowKey[..besideRowKey.IndexOf('~')]);

    /// <summary>The id of the event numbered <paramref name="sequence"/>, which is also its row's place.</summary>
    public static string EventId(string reportId, int sequence) => $"{reportId}~{Event}{sequence:D4}";

    public static TableEntity EventEntity(ReportEvent ev)
    {
        var (unit, rowKey) = Beside(ev.ReportId, Event, $"{ev.Sequence:D4}");
        return new TableEntity(unit, rowKey)
        {
            ["Type"] = "event",
            ["Sequence"] = ev.Sequence,
            ["What"] = ev.What,
            ["Who"] = ev.Who,
            ["At"] = ev.At,
            ["Why"] = ev.Why,
            ["From"] = ev.From,
            ["To"] = ev.To,
            ["DuplicateOf"] = ev.DuplicateOf,
        };
    }

    /// <summary>An event row; statuses stored before they were written camelCase (<c>AwaitingEdit</c>) read as the API
    /// names them (<c>awaitingEdit</c>).</summary>
    public static ReportEvent ToEvent(string reportId, TableEntity e) => new(
        reportId, e.GetInt32("Sequence") ?? 0, e.GetString("What"), e.GetString("Who"),
        e.GetDateTimeOffset("At") ?? default,
        e.GetString("Why"), StatusName(e.GetString("From")), StatusName(e.GetString("To")),
        e.GetString("DuplicateOf"));

    /// <summary>A status as the API and the history name it: <c>awaitingEdit</c>.</summary>
    public static string StatusName(ReportStatus status) => Json.Name(status);

    private static string? StatusName(string? stored) =>
        Enum.TryParse<ReportStatus>(stored, ignoreCase: true, out var s) ? StatusName(s) : stored;

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
            ["Version"] = r.Version,
            ["LastEvent"] = r.LastEvent,
        };
        WriteText(e, "Body", r.Body);
        return e;
    }

    public static Report FromEntity(TableEntity e) => new(
        ReportIds.Of(e.PartitionKey, e.RowKey), e.GetString("TrackingNumber"), e.PartitionKey, e.GetString("Title"),
        ReadText(e, "Body"), Enum.Parse<ReportCategory>(e.GetString("Category")),
        FromJson<List<ReportAuthor>>(e.GetString("Authors")), e.GetString("TopicId"),
        Enum.Parse<Channel>(e.GetString("Channel")), FromJson<List<Attachment>>(e.GetString("Attachments")),
        Enum.Parse<ReportStatus>(e.GetString("Status")), e.GetInt32("CharCount") ?? 0, e.GetString("SubmittedBy"),
        e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetString("SourceMailId"), e.GetString("EditorId"),
        e.GetInt32("Round") ?? 1, e.GetString("IntakeNote"), e.GetInt32("Version") ?? 1, e.GetInt32("LastEvent"));

    /// <summary>Long text split over <c>Body</c>, <c>Body1</c>, … (64 KiB each) within the 1 MiB entity.</summary>
    public static void WriteText(TableEntity e, string name, string text)
    {
        for (int i = 0, n = 0; i < text.Length || n == 0; i += TextChunk, n++)
            e[n == 0 ? name : $"{name}{n}"] = text.Substring(i, Math.Min(TextChunk, text.Length - i));
    }

    public static string ReadText(TableEntity e, string name)
    {
        var text = new StringBuilder(e.GetString(name) ?? "");
        for (var n = 1; e.GetString($"{name}{n}") is { } part; n++) text.Append(part);
        return text.ToString();
    }

    public static T FromJson<T>(string? json) where T : new() =>
        json is null ? new T() : JsonSerializer.Deserialize<T>(json, Json.Options) ?? new T();
}
