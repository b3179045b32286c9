namespace InfoFunctions.DirectoryFeature;

public sealed record Unit(string Id, string Name, UnitLevel Level, string? ParentId, bool Active,
    DateTimeOffset UpdatedAt);
