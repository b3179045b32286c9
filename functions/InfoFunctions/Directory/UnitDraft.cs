namespace InfoFunctions.DirectoryFeature;

public sealed record UnitDraft(string? Id, string Name, UnitLevel Level, string? ParentId, bool? Active);
