namespace InfoFunctions.Rewards;

/// <summary>One nominee in the published result: its average, grade and the judges' comments.</summary>
public sealed record ContestResultItem(string ReportId, string TrackingNumber, string? Title, string UnitId,
    IReadOnlyList<LedgerAuthor> Authors, decimal Average, string? Grade, IReadOnlyList<string> Comments);
