namespace InfoFunctions.DirectoryFeature;

public sealed record Person(
    string Id, string Name, string Email, string? Phone, string UnitId, IReadOnlyList<string> Roles,
    Employment Employment, bool IsDeputy, int AnnualQuota, bool Active, DateTimeOffset UpdatedAt);
