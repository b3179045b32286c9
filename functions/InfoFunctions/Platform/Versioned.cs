namespace InfoFunctions.Platform;

/// <summary>A stored value with the ETag it was read at (sent as the <c>ETag</c> header).</summary>
public sealed record Versioned<T>(T Value, string ETag);
