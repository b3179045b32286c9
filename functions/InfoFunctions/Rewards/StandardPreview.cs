namespace InfoFunctions.Rewards;

/// <summary>What a proposed standard would change in the open half-year, party by party.</summary>
public sealed record StandardPreview(string Period, string PeriodName, int Reports, decimal DeltaPersonYuan,
    decimal DeltaPersonPoints, IReadOnlyList<PreviewRow> Parties);
