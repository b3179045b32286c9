namespace InfoFunctions.Dispatch;

/// <summary>A unit's target for a period and how far it has come.</summary>
public sealed record TargetProgress(
    string Period, string UnitId, int TargetSubmissions, int TargetAdoptions, int Submitted, int Adopted,
    decimal? SubmissionProgress, decimal? AdoptionProgress, string? Meeting, string SetBy, DateTimeOffset SetAt);
