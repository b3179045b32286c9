namespace InfoFunctions.Platform;

/// <summary>
/// What an idempotent create came to: the value, and whether this call made it (<see cref="IsNew"/>: 201) or
/// found it made before (200).
/// </summary>
public sealed record Saved<T>(T Value, bool IsNew);
