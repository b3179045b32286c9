namespace InfoFunctions.Rewards;

/// <summary>A year's contest as the caller may see it: nominations for judges, the result for everyone.</summary>
public sealed record ContestView(int Year, bool Finalized, IReadOnlyList<Nomination> Nominations,
    ContestResult? Result);
