using System.Text.Json.Serialization;

namespace InfoFunctions.Notifications;

/// <summary>Exactly one of: a person, a plain address, or everyone with a role (optionally within a unit).</summary>
public sealed record NotificationTo(string? PersonId = null, string? Email = null, string? Role = null,
    string? UnitId = null)
{
    public static NotificationTo Person(string personId) => new(PersonId: personId);
    public static NotificationTo Address(string email) => new(Email: email);
    public static NotificationTo RoleIn(Identity.Role role, string? unitId = null) =>
        new(Role: Identity.Roles.Name(role), UnitId: unitId);

    [JsonIgnore]
    public string Describe =>
        PersonId is not null ? $"person:{PersonId}" : Email is not null ? $"email:{Email}"
        : $"role:{Role}@{UnitId ?? "*"}";

    public IReadOnlyList<string> Validate()
    {
        var forms = new[] { !string.IsNullOrWhiteSpace(PersonId), !string.IsNullOrWhiteSpace(Email),
            !string.IsNullOrWhiteSpace(Role) }.Count(x => x);
        if (forms != 1) return ["收件人须且只能是以下之一：人员（personId）、邮箱（email）、角色（role，可加 unitId）。"];
        if (Email is not null && !MailAddresses.IsValid(Email)) return [$"收件邮箱格式不正确：{Email}。"];
        if (UnitId is not null && Role is null) return ["unitId 只能与 role 一起使用。"];
        return [];
    }
}
