namespace InfoFunctions.Rewards;

/// <summary>The body of <c>POST rewards/settlements/{period}/reopen</c>: why the period is opened again.</summary>
public sealed record ReopenInput([Text(InputRules.CommentMax, Multiline = true)] string? Reason);
