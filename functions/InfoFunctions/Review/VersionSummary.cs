namespace InfoFunctions.Review;

public sealed record VersionSummary(int Number, string Kind, string Title, string Who, DateTimeOffset At,
    string? Comment, int CharCount);
