namespace InfoFunctions.Submissions;

/// <summary>A validated report before it gets an id, a number and a time.</summary>
public sealed record ReportDraft(
    string UnitId, string Title, string Body, ReportCategory Category, IReadOnlyList<ReportAuthor> Authors,
    string? TopicId, Channel Channel);
