namespace InfoFunctions.Platform;

/// <summary>An author of the report behind a ledger fact; shares split the reward (equal when none given).</summary>
public sealed record LedgerAuthor(string PersonId, string Name, decimal? Share);
