namespace InfoFunctions.Submissions;

/// <summary>
/// A submitted information report. <see cref="Id"/> is <c>&lt;unitId&gt;~&lt;key&gt;</c> so reading by id is a
/// point read in the unit's partition; <see cref="TrackingNumber"/> is the human number (<c>2026-0457</c>).
/// <see cref="Title"/>, <see cref="Body"/> and <see cref="CharCount"/> are the current text, version
/// <see cref="Version"/>: every edit or revision replaces them in the transaction that stores the version.
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
    string? IntakeNote = null,
    int Version = 1);
