using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>A report submitted in the period.</summary>
public sealed record BulletinReport(string Id, string UnitId, string Title, ReportCategory Category,
    IReadOnlyList<BulletinAuthor> Authors, DateTimeOffset SubmittedAt);
