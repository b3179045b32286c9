namespace InfoFunctions.Rewards;

/// <summary>What one party received from one fact, kept so a correction can reverse it exactly.</summary>
public sealed record PartyAmount(string PartyKey, string Name, decimal Points, decimal Yuan);
