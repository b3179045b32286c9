namespace InfoFunctions.Submissions;

/// <summary>
/// An author; shares (0–1) are optional and, when given, given for every author and summing to 1. A co-author of
/// another unit than the report's is <paramref name="Unconfirmed"/> until an editor confirms them, and earns
/// nothing before.
/// </summary>
public sealed record ReportAuthor(string? PersonId, string Name, decimal? Share, bool IsDeputy,
    bool Unconfirmed = false);
