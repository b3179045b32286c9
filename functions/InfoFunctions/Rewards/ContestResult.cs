namespace InfoFunctions.Rewards;

/// <summary>A finalized 好信息评选: the grade thresholds and every nominee graded.</summary>
public sealed record ContestResult(int Year, DateTimeOffset FinalizedAt, string FinalizedBy, decimal Excellent,
    decimal Good, decimal Fair, IReadOnlyList<ContestResultItem> Items);
