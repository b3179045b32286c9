namespace InfoFunctions.Rewards;

/// <summary>One party's totals in the open period now and under a proposed standard.</summary>
public sealed record PreviewRow(string PartyKind, string PartyId, string Name, decimal CurrentPoints,
    decimal CurrentYuan, decimal ProposedPoints, decimal ProposedYuan, decimal DeltaPoints, decimal DeltaYuan);
