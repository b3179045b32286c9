namespace InfoFunctions.Rewards;

/// <summary>A settled half-year: its summary, every statement with its link, and the payout sheet's links.</summary>
public sealed record SettlementView(
    SettlementSummary Summary, string PeriodName, string PeriodRange, IReadOnlyList<StatementRow> Statements,
    IReadOnlyDictionary<string, string> Files);
