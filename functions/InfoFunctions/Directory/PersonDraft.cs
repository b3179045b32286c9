namespace InfoFunctions.DirectoryFeature;

public sealed record PersonDraft(
    string? Id, string Name, string Email, string? Phone, string UnitId, IReadOnlyList<string> Roles,
    Employment Employment, bool IsDeputy, int AnnualQuota, bool? Active);
