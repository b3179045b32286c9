namespace InfoFunctions.Dispatch;

/// <summary>An addressee's standing with the reports that count for it.</summary>
public sealed record AddresseeView(
    string Key, string UnitId, string? PersonId, string Name, TopicResponse Response, string? Reason,
    TopicStatus Status, IReadOnlyList<string> Reports, DateTimeOffset? ReminderSentAt, DateTimeOffset? OverdueSentAt);
