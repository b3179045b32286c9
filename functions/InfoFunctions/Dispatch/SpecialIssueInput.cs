namespace InfoFunctions.Dispatch;

/// <summary>An issue of the 《信息专刊》 as an editor compiles it: its number, year, date and the chosen reports.</summary>
public sealed record SpecialIssueInput(int? Year, int? IssueNumber, string? Date, IReadOnlyList<string>? ReportIds);
