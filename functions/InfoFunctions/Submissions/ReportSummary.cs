namespace InfoFunctions.Submissions;

/// <summary>A report in a list: everything but its text.</summary>
public sealed record ReportSummary(
    string Id, string TrackingNumber, string UnitId, string Title, ReportCategory Category, ReportStatus Status,
    Channel Channel, int CharCount, int AttachmentCount, IReadOnlyList<ReportAuthor> Authors,
    DateTimeOffset SubmittedAt);
