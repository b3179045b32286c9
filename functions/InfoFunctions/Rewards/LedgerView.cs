namespace InfoFunctions.Rewards;

/// <summary>One party's ledger lines in a half-year, with their totals.</summary>
public sealed record LedgerView(
    string Period, string PartyKind, string PartyId, decimal Points, decimal Yuan, IReadOnlyList<LedgerLine> Lines);
