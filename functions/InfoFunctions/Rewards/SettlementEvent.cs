namespace InfoFunctions.Rewards;

/// <summary>
/// One entry of a settlement's history: <c>settled</c> (a run), <c>reopened</c> (by an admin, with the reason) or
/// <c>paid</c>; who and when, and a note.
/// </summary>
public sealed record SettlementEvent(string What, DateTimeOffset At, string By, string? Note = null);
