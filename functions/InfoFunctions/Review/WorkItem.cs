using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>A report in someone's work queue (待办).</summary>
public sealed record WorkItem(
    string Id, string TrackingNumber, string UnitId, string Title, ReportStatus Status, string StatusName,
    string? EditorId,
    DateTimeOffset SubmittedAt);
