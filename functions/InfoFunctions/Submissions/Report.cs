using System.Text.Json.Serialization;

namespace InfoFunctions.Submissions;

/// <summary>
/// A submitted information report. <see cref="Id"/> is <c>&lt;unitId&gt;~&lt;key&gt;</c> so reading by id is a
/// point read in the unit's partition; <see cref="TrackingNumber"/> is the human number (<c>2026-0457</c>).
/// <see cref="Title"/>, <see cref="Body"/> and <see cref="CharCount"/> are the current text, version
/// <see cref="Version"/>: every edit or revision replaces them in the transaction that stores the version.
/// <see cref="LastEvent"/> is the number of the report's latest event (the report row itself is event 1), kept on the
/// row by every change so the next number needs no read of the history; null on rows written before it was kept.
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
    int Version = 1,
    [property: JsonIgnore] int? LastEvent = null);
