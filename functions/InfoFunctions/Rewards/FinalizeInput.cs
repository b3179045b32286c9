namespace InfoFunctions.Rewards;

/// <summary>Minimum average scores for each grade (defaults 90 / 80 / 70).</summary>
public sealed record FinalizeInput(decimal? Excellent, decimal? Good, decimal? Fair);
