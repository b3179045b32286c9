namespace InfoFunctions.Submissions;

/// <summary>
/// A submitted information report. <see cref="Id"/> is <c>&lt;unitId&gt;~&lt;key&gt;</c> so reading by id is a
/// point read in the unit's partition; <see cref="TrackingNumber"/> is the human number (<c>2026-0457</c>).
/// </summary>
public sealed record Report(
    string Id,
    string TrackingNumber,
    string UnitId,
    string Title,
    string Body,
    ReportCategory Category,
    IReadOnlyList<ReportAuthor> Authors,
    string? TopicId,
    Channel Channel,
    IReadOnlyList<Attachment> Attachments,
    ReportStatus Status,
    int CharCount,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? SourceMailId = null,
    string? EditorId = null,
    int Round = 1,
    string? IntakeNote = null);
