namespace InfoFunctions.Rewards;

/// <summary>
/// One row of a statement: what one report (through one carrier, or one other fact) earned the party.
/// </summary>
public sealed record StatementItem(string ReportId, string TrackingNumber, string? Title, string What, string? Issue,
    decimal Points, decimal Yuan, bool Adjustment);
