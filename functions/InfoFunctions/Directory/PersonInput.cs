namespace InfoFunctions.DirectoryFeature;

public sealed record PersonInput(
    string? Id, [Text(InputRules.NameMax)] string? Name, [Text(InputRules.EmailMax)] string? Email, string? Phone,
    string? UnitId, IReadOnlyList<string>? Roles, string? Employment, bool? IsDeputy, int? AnnualQuota, bool? Active);
