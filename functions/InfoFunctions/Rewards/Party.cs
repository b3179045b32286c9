namespace InfoFunctions.Rewards;

/// <summary>A party named by a fact, with its weight in the authors' split.</summary>
public sealed record Party(string PartyKey, string Name, decimal Weight);
