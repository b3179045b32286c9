namespace InfoFunctions.DirectoryFeature;

public sealed record PersonInput(
    string? Id, string? Name, string? Email, string? Phone, string? UnitId, IReadOnlyList<string>? Roles,
    string? Employment, bool? IsDeputy, int? AnnualQuota, bool? Active);
