namespace InfoFunctions.Dispatch;

/// <summary>An addressee accepts, or declines with a reason.</summary>
public sealed record TopicResponseInput(bool? Accept, [Text(1000, Multiline = true)] string? Reason);
