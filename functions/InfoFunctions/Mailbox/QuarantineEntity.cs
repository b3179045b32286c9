using System.Text.Json;
using InfoFunctions.Platform;

namespace InfoFunctions.Mailbox;

/// <summary>A quarantined mail as stored: PK <c>quarantine</c>, RK the mail id; attachment names as JSON.</summary>
public sealed class QuarantineEntity : TableRow
{
    public string? From { get; set; }
    public string? FromName { get; set; }
    public string? Subject { get; set; }
    public string? Preview { get; set; }
    public string? AttachmentNames { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    public static QuarantineEntity Of(string partition, QuarantineItem q) => new()
    {
        PartitionKey = partition, RowKey = q.MailId, From = q.From, FromName = q.FromName, Subject = q.Subject,
        Preview = q.Preview, AttachmentNames = JsonSerializer.Serialize(q.AttachmentNames, Json.Options),
        ReceivedAt = q.ReceivedAt,
    };

    public QuarantineItem ToItem() => new(
        RowKey, From ?? "", FromName, Subject ?? "", Preview ?? "",
        JsonSerializer.Deserialize<List<string>>(AttachmentNames ?? "[]", Json.Options) ?? [], ReceivedAt ?? default);
}
