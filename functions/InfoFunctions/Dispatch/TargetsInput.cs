namespace InfoFunctions.Dispatch;

/// <summary>The targets a dispatch meeting set for a period (<c>PUT /api/dispatch/targets/{period}</c>).</summary>
public sealed record TargetsInput(IReadOnlyList<TargetInput>? Targets, string? Meeting);
