namespace InfoFunctions.Submissions;

/// <summary>An author; shares (0–1) are optional and, when given, given for every author and summing to 1.</summary>
public sealed record ReportAuthor(string? PersonId, string Name, decimal? Share, bool IsDeputy);
