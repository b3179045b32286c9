namespace InfoFunctions.DirectoryFeature;

/// <summary>A person to write: new (no ETag) or a replacement of what was read, with its previous email.</summary>
public sealed record PersonWrite(Person Person, string? ETag, string? PreviousEmail);
