namespace InfoFunctions.Submissions;

/// <summary>
/// One state change of a report (append-only); <paramref name="From"/>/<paramref name="To"/> are set for workflow
/// transitions.
/// </summary>
public sealed record ReportEvent(string ReportId, int Sequence, string What, string Who, DateTimeOffset At,
    string? Why, string? From = null, string? To = null);
