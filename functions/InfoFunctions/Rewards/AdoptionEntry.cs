namespace InfoFunctions.Rewards;

/// <summary>An adoption still counting for the report, valued by the standard in force on its date.</summary>
public sealed record AdoptionEntry(string EventId, string CarrierId, decimal Points, decimal Yuan, int Version);
