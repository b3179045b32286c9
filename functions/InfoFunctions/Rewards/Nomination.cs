namespace InfoFunctions.Rewards;

/// <summary>A report nominated for the year's 好信息评选, with the judges' scores so far.</summary>
public sealed record Nomination(
    int Year, string ReportId, string TrackingNumber, string? Title, string UnitId, IReadOnlyList<LedgerAuthor> Authors,
    string NominatedBy, DateTimeOffset NominatedAt, string? Note, IReadOnlyList<ContestScore> Scores)
{
    public decimal? Average => Scores.Count == 0 ? null : Math.Round(Scores.Average(s => (decimal)s.Score), 2);
}
