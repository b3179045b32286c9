namespace InfoFunctions.Dispatch;

/// <summary>A commissioned topic as an editor creates it: the deadline is a Beijing day <c>yyyy-MM-dd</c>.</summary>
public sealed record TopicInput(
    string? Title, string? Brief, string? Category, string? CarrierId, string? Deadline,
    IReadOnlyList<string>? UnitIds, IReadOnlyList<string>? PersonIds, bool? PenalizeMiss);
