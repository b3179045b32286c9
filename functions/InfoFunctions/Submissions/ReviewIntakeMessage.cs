namespace InfoFunctions.Submissions;

/// <summary>The review pipeline's work item, sent once a report is stored.</summary>
public sealed record ReviewIntakeMessage(string ReportId, string TrackingNumber, string UnitId);
