namespace InfoFunctions.Dispatch;

/// <summary>How one addressee of a commissioned topic stands; a person counts for their unit.</summary>
public sealed record TopicOutcome(string TopicId, string UnitId, string? PersonId, TopicStatus Status);
