namespace InfoFunctions.Identity;

/// <summary>
/// Names of <see cref="Role"/>s: the camelCase names the directory stores, and the Chinese ones people read.
/// </summary>
public static class Roles
{
    /// <summary>Each single role, in the order people read them.</summary>
    public static readonly IReadOnlyList<Role> All = [Role.Officer, Role.Editor, Role.Signer, Role.Leader, Role.Admin];

    public static string Name(Role role) =>
        role switch
        {
            Role.Officer => "officer",
            Role.Editor => "editor",
            Role.Signer => "signer",
            Role.Leader => "leader",
            Role.Admin => "admin",
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "只有单一角色有名称。"),
        };

    public static bool TryParse(string? name, out Role role)
    {
        role = All.FirstOrDefault(r => string.Equals(Name(r), name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return role != Role.None;
    }

    /// <summary>The set a person's stored role names make; unknown names are ignored.</summary>
    public static Role Parse(IEnumerable<string> names) =>
        names.Aggregate(Role.None, (set, n) => TryParse(n, out var r) ? set | r : set);

    /// <summary>The single roles in a set.</summary>
    public static IEnumerable<Role> Each(Role set) => All.Where(r => (set & r) != 0);

    public static IReadOnlyList<string> Names(Role set) => Each(set).Select(Name).ToList();

    /// <summary>信息员、编辑 … (or joined by <paramref name="separator"/>, e.g. 或).</summary>
    public static string ChineseName(Role set, string separator = "、") =>
        string.Join(
            separator,
            Each(set)
                .Concat(set.HasFlag(Role.System) ? [Role.System] : [])
                .Select(r =>
                    r switch
                    {
                        Role.Officer => "信息员",
                        Role.Editor => "编辑",
                        Role.Signer => "签发人",
                        Role.Leader => "领导",
                        Role.Admin => "管理员",
                        _ => "系统",
                    }
                )
        );
}
