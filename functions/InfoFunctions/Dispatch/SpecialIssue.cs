namespace InfoFunctions.Dispatch;

/// <summary>One compiled issue of the 《信息专刊》; its id is <c>2026-005</c>.</summary>
public sealed record SpecialIssue(
    int Year, int IssueNumber, DateOnly Date, IReadOnlyList<SpecialIssueArticle> Articles, string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public string Id => $"{Year}-{IssueNumber:D3}";
}
