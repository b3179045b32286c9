using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>Submissions and adoptions of one report category in the period.</summary>
public sealed record CategoryRow(ReportCategory Category, string Name, int Submitted, decimal? Share, int Adopted);
