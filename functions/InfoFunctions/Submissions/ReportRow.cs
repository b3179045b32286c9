using System.Runtime.Serialization;

namespace InfoFunctions.Submissions;

/// <summary>
/// A report row without its text, for queries that read many reports (lists, work queues, the 通报).
/// The properties are the stored columns (<see cref="ReportRows.ToEntity"/> writes them); a query may select fewer.
/// </summary>
public sealed class ReportRow : TableRow
{
    public string? TrackingNumber { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Authors { get; set; }
    public string? TopicId { get; set; }
    public string? Channel { get; set; }
    public string? Attachments { get; set; }
    public string? Status { get; set; }
    public int? CharCount { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? EditorId { get; set; }
    /// <summary>Selected only when a list searches the text.</summary>
    public string? Body { get; set; }

    [IgnoreDataMember] public string Id => ReportIds.Of(PartitionKey, RowKey);
    [IgnoreDataMember]
    public ReportCategory CategoryValue =>
        Enum.TryParse<ReportCategory>(Category, out var c) ? c : ReportCategory.Other;
    [IgnoreDataMember] public ReportStatus StatusValue => Enum.Parse<ReportStatus>(Status!);
    [IgnoreDataMember]
    public IReadOnlyList<ReportAuthor> AuthorList =>
        ReportRows.FromJson<List<ReportAuthor>>(Authors);

    public ReportSummary ToSummary() => new(
        Id, TrackingNumber ?? "", PartitionKey, Title ?? "", CategoryValue, StatusValue, Enum.Parse<Channel>(Channel!),
        CharCount ?? 0, ReportRows.FromJson<List<Attachment>>(Attachments).Count, AuthorList, SubmittedAt ?? default);
}
