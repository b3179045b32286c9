namespace InfoFunctions.Dispatch;

/// <summary>A report the addressee counts towards the topic.</summary>
public sealed record TopicLinkInput(string? ReportId);
