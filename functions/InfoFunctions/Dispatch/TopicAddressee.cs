using InfoFunctions.Notifications;

namespace InfoFunctions.Dispatch;

/// <summary>
/// One addressee: a unit (its officers answer) or a person. <see cref="UnitId"/> is the person's unit for a
/// person. <see cref="Key"/> is <c>unit-&lt;id&gt;</c> or <c>person-&lt;id&gt;</c>.
/// </summary>
public sealed record TopicAddressee(
    string Key, string UnitId, string? PersonId, string Name, TopicResponse Response, string? Reason,
    IReadOnlyList<string> LinkedReports, DateTimeOffset? ReminderSentAt, DateTimeOffset? OverdueSentAt)
{
    public static string KeyFor(string? unitId, string? personId) =>
        personId is not null ? "person-" + personId : "unit-" + unitId;

    /// <summary>A fresh addressee: no answer, nothing linked, nothing sent.</summary>
    public static TopicAddressee New(string unitId, string? personId, string name) =>
        new(KeyFor(unitId, personId), unitId, personId, name, TopicResponse.Pending, null, [], null, null);

    /// <summary>A person is told directly; a unit through its officers.</summary>
    public NotificationTo NotifyTo() =>
        PersonId is { } p ? NotificationTo.Person(p) : NotificationTo.RoleIn(Role.Officer, UnitId);
}
