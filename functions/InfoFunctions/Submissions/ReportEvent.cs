namespace InfoFunctions.Submissions;

/// <summary>
/// One state change of a report (append-only); <paramref name="From"/>/<paramref name="To"/> are set for workflow
/// transitions; <paramref name="DuplicateOf"/> is the id of a near-duplicate found at intake (the note names it
/// for people, this links it).
/// </summary>
public sealed record ReportEvent(string ReportId, int Sequence, string What, string Who, DateTimeOffset At,
    string? Why, string? From = null, string? To = null, string? DuplicateOf = null);
