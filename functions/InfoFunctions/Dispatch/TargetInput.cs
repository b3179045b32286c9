namespace InfoFunctions.Dispatch;

/// <summary>One unit's target as an editor sets it.</summary>
public sealed record TargetInput(string? UnitId, int? Submissions, int? Adoptions);
