namespace InfoFunctions.Review;

/// <summary>An action admitted for a report: known, on a report the caller's unit may act on, at an ETag.</summary>
public sealed record ReviewCommand(string ReportId, ReviewAction Action, string IfMatch);
