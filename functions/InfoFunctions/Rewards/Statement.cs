namespace InfoFunctions.Rewards;

/// <summary>A party's frozen statement for a period.</summary>
public sealed record Statement(
    string Period, PartyKind PartyKind, string PartyId, string Name, string? UnitId, string? UnitName,
    decimal Points, decimal Yuan, int AdoptedReports, decimal AdjustmentYuan, int LineCount,
    IReadOnlyList<StatementItem> Items, bool ItemsTruncated)
{
    public string PartyKey => LedgerKeys.Party(PartyKind, PartyId);
}
