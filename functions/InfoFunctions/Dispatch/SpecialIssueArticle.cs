namespace InfoFunctions.Dispatch;

/// <summary>One article of an issue: the report as it goes to the leaders.</summary>
public sealed record SpecialIssueArticle(
    string ReportId, string TrackingNumber, string Title, string UnitName, string Authors, string Body);
