namespace InfoFunctions.Rewards;

/// <summary>One judge's score (0–100) and comment (点评) on a nominee.</summary>
public sealed record ContestScore(string JudgeId, string JudgeName, int Score, string Comment, DateTimeOffset At);
