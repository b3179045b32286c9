namespace InfoFunctions.Mailbox;

/// <summary>A quarantined mail as stored: PK <c>quarantine</c>, RK the mail id; attachment names as JSON.</summary>
public sealed class QuarantineEntity : TableRow
{
    public string? From { get; set; }
    public string? FromName { get; set; }
    public string? Subject { get; set; }
    public string? Preview { get; set; }
    public string? AttachmentNames { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    public static QuarantineEntity Of(string partition, QuarantineItem q) => new()
    {
        PartitionKey = partition,
        RowKey = q.MailId,
        From = MailLimits.Clip(q.From, 320),
        FromName = MailLimits.Clip(q.FromName, 200),
        Subject = MailLimits.Clip(q.Subject),
        Preview = MailLimits.Clip(q.Preview),
        Reason = MailLimits.Clip(q.Reason),
        // The first names are enough to recognise a mail; a list of thousands would not fit the row.
        AttachmentNames = JsonSerializer.Serialize(
            q.AttachmentNames.Take(50).Select(n => MailLimits.Clip(n, 200)), Json.Options),
        ReceivedAt = q.ReceivedAt,
    };

    public QuarantineItem ToItem() => new(
        RowKey, From ?? "", FromName, Subject ?? "", Preview ?? "",
        JsonSerializer.Deserialize<List<string>>(AttachmentNames ?? "[]", Json.Options) ?? [], ReceivedAt ?? default,
        Reason);
}
