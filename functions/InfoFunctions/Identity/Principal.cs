using System.Text.Json.Serialization;

namespace InfoFunctions.Identity;

/// <summary>Who is calling: a person from the directory, or the bootstrap admin.</summary>
public sealed record Principal(string Id, string Name, string? Email, string? UnitId, [property: JsonIgnore] Role Roles)
{
    /// <summary>The roles by name, as the directory writes them.</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<string> RoleNames => Identity.Roles.Names(Roles);

    /// <summary>Holds at least one of <paramref name="any"/>.</summary>
    public bool IsInRole(Role any) => (Roles & any) != Role.None;

    /// <summary>Officers see their own unit; office roles see every unit.</summary>
    public bool CanAccessUnit(string unitId) => UnitId == unitId || IsInRole(Role.Office);
}
