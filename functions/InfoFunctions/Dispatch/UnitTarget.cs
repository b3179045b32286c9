namespace InfoFunctions.Dispatch;

/// <summary>A unit's target (定目标) for a period: reports to submit and to have adopted.</summary>
public sealed record UnitTarget(string UnitId, int Submissions, int Adoptions);
