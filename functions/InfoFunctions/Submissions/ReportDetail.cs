namespace InfoFunctions.Submissions;

/// <summary>A report with its history, as <c>GET /api/reports/{id}</c> answers.</summary>
public sealed record ReportDetail(Report Report, IReadOnlyList<ReportEvent> Events);
