namespace InfoFunctions.DirectoryFeature;

// Request bodies: everything nullable and enums as text, so bad input becomes per-field errors
// rather than a JSON deserialisation failure.
// ShortName: null leaves a unit's 简称 as it is, "" clears it.
public sealed record UnitInput(string? Id, [Text(InputRules.NameMax)] string? Name, string? Level, string? ParentId,
    bool? Active, string? ShortName = null);
