namespace InfoFunctions.Rewards;

/// <summary>One person's 年底集中考核 result.</summary>
public sealed record AssessmentRow(
    int Year, string PersonId, string Name, string UnitId, string? UnitName, int AnnualQuota, int RotationQuota,
    int Quota,
    int Submitted, int Adopted, bool Completed, bool EligibleForHonours, string Result);
