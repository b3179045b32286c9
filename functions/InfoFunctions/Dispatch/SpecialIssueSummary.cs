namespace InfoFunctions.Dispatch;

/// <summary>What compiling an issue answers: its id, the article titles and where to download the Word file.</summary>
public sealed record SpecialIssueSummary(
    string Id, int Year, int IssueNumber, DateOnly Date, IReadOnlyList<string> Titles, string DocxUrl);
