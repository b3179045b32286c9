namespace InfoFunctions.Rewards;

/// <summary>A year's 年底集中考核: everyone assessed and how many completed their task.</summary>
public sealed record AssessmentSheet(int Year, DateTimeOffset AssessedAt, int People, int Completed,
    IReadOnlyList<AssessmentRow> Rows);
