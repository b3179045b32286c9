namespace InfoFunctions.DirectoryFeature;

// Request bodies: everything nullable and enums as text, so bad input becomes per-field errors
// rather than a JSON deserialisation failure.
public sealed record UnitInput(string? Id, string? Name, string? Level, string? ParentId, bool? Active);
