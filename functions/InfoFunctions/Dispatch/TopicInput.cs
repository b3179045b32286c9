namespace InfoFunctions.Dispatch;

/// <summary>A commissioned topic as an editor creates it: the deadline is a Beijing day <c>yyyy-MM-dd</c>.</summary>
public sealed record TopicInput(
    [Text(InputRules.TitleMax)] string? Title, [Text(InputRules.CommentMax, Multiline = true)] string? Brief,
    string? Category, string? CarrierId, string? Deadline,
    IReadOnlyList<string>? UnitIds, IReadOnlyList<string>? PersonIds, bool? PenalizeMiss);
