namespace InfoFunctions.Identity;

public static class Roles
{
    /// <summary>信息员: submits reports, sees their own unit's.</summary>
    public const string Officer = "officer";
    /// <summary>编辑 (research office staff and rotating staff).</summary>
    public const string Editor = "editor";
    /// <summary>签发.</summary>
    public const string Signer = "signer";
    /// <summary>领导: reads reports and statistics.</summary>
    public const string Leader = "leader";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Officer, Editor, Signer, Leader, Admin];

    public static bool IsKnown(string role) => All.Contains(role);
}

/// <summary>Who is calling: a person from the directory, or the bootstrap admin.</summary>
public sealed record Principal(string Id, string Name, string? Email, string? UnitId, IReadOnlySet<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role);
    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>Officers see their own unit; office roles see every unit.</summary>
    public bool CanAccessUnit(string unitId) =>
        UnitId == unitId || IsInAnyRole([Identity.Roles.Editor, Identity.Roles.Signer, Identity.Roles.Leader, Identity.Roles.Admin]);
}

/// <summary>What identity needs from the directory: a person by id or by email.</summary>
public interface IPersonLookup
{
    Task<PersonIdentity?> FindByIdAsync(string personId, CancellationToken ct = default);
    Task<PersonIdentity?> FindByEmailAsync(string email, CancellationToken ct = default);
}

public sealed record PersonIdentity(string Id, string Name, string Email, string UnitId, IReadOnlySet<string> Roles, bool Active);
