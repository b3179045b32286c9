namespace InfoFunctions.DirectoryFeature;

/// <summary>A unit's person as a colleague sees them: enough to name a co-author.</summary>
public sealed record UnitMember(string Id, string Name, bool IsDeputy);
