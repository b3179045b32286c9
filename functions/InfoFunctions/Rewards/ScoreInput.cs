namespace InfoFunctions.Rewards;

/// <summary>A judge's score (0–100) and comment.</summary>
public sealed record ScoreInput(int? Score, [Text(InputRules.CommentMax, Multiline = true)] string? Comment);
