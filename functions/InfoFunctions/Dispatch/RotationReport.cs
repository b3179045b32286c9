namespace InfoFunctions.Dispatch;

/// <summary>A report the person on rotation wrote or submitted in the window, and whether it was adopted.</summary>
public sealed record RotationReport(string Id, string Title, string UnitId, DateTimeOffset SubmittedAt, bool Adopted);
