namespace InfoFunctions.Submissions;

public sealed record ReportQuery(
    string? UnitId, ReportStatus? Status, ReportCategory? Category, DateTimeOffset? From, DateTimeOffset? To,
    string? TitleContains);
