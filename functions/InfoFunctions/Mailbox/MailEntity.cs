namespace InfoFunctions.Mailbox;

/// <summary>A mail record as stored: PK <c>mail</c>, RK the mail id; status as its name.</summary>
public sealed class MailEntity : TableRow
{
    public string? Status { get; set; }
    public string? From { get; set; }
    public string? FromName { get; set; }
    public string? Subject { get; set; }
    public string? MessageId { get; set; }
    public string? RawSha256 { get; set; }
    public string? BlobName { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public string? PersonId { get; set; }
    public string? ReportId { get; set; }
    public string? TrackingNumber { get; set; }
    public string? Note { get; set; }
    public string? DuplicateOf { get; set; }

    public static MailEntity Of(string partition, MailRecord r) => new()
    {
        PartitionKey = partition,
        RowKey = r.MailId,
        Status = r.Status.ToString(),
        From = MailLimits.Clip(r.From, 320),
        FromName = MailLimits.Clip(r.FromName, 200),
        Subject = MailLimits.Clip(r.Subject),
        MessageId = MailLimits.Clip(r.MessageId, 1000),
        RawSha256 = r.RawSha256,
        BlobName = r.BlobName,
        ReceivedAt = r.ReceivedAt,
        PersonId = r.PersonId,
        ReportId = r.ReportId,
        TrackingNumber = r.TrackingNumber,
        Note = MailLimits.Clip(r.Note),
        DuplicateOf = r.DuplicateOf,
    };

    public MailRecord ToRecord() => new(
        RowKey, Enum.Parse<MailStatus>(Status!), From, FromName, Subject, MessageId, RawSha256 ?? "", BlobName ?? "",
        ReceivedAt ?? default, PersonId, ReportId, TrackingNumber, Note, DuplicateOf);
}
