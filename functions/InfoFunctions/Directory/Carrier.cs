namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// 载体: a website or periodical that adopts forwarded reports. <see cref="RequiresCaptions"/>: it prints photos,
/// so every photo of a report it gets needs a caption line (“图为……”).
/// </summary>
public sealed record Carrier(string Id, string Name, CarrierLevel Level, CarrierKind Kind, bool Active,
    DateTimeOffset UpdatedAt, bool RequiresCaptions = false);
