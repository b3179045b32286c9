namespace InfoFunctions.Review;

/// <summary>A stored edit of a report's text. Version 1 is the original submission and is never stored twice.</summary>
public sealed record ReportVersion(int Number, string Kind, string Title, string Body, string Who, DateTimeOffset At,
    string? Comment);
