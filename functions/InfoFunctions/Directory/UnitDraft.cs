namespace InfoFunctions.DirectoryFeature;

/// <summary>A checked unit input; <see cref="ShortName"/> null keeps the stored 简称, empty clears it.</summary>
public sealed record UnitDraft(string? Id, string Name, UnitLevel Level, string? ParentId, bool? Active,
    string? ShortName = null);
