namespace InfoFunctions.Rewards;

/// <summary>
/// One row of a statement: what one report (through one carrier, or one other fact) earned the party.
/// <see cref="Note"/> explains an amount that is not simply the carrier's rate: a top-up (补差) when a higher carrier
/// adopted a report already counted, under highest-only.
/// </summary>
public sealed record StatementItem(string ReportId, string TrackingNumber, string? Title, string What, string? Issue,
    decimal Points, decimal Yuan, bool Adjustment, string? Note = null);
