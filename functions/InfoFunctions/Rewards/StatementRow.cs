namespace InfoFunctions.Rewards;

/// <summary>One statement as a settlement lists it, with the link that reads it whole.</summary>
public sealed record StatementRow(
    string PartyKind, string PartyId, string Name, string? UnitName, decimal Points, decimal Yuan, int AdoptedReports,
    decimal AdjustmentYuan, string Link);
