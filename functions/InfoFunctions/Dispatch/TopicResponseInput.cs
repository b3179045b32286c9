namespace InfoFunctions.Dispatch;

/// <summary>An addressee accepts, or declines with a reason.</summary>
public sealed record TopicResponseInput(bool? Accept, string? Reason);
