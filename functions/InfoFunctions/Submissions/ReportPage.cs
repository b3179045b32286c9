namespace InfoFunctions.Submissions;

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, string? ContinuationToken);
