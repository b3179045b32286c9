namespace InfoFunctions.DirectoryFeature;

/// <summary>载体: a website or periodical that adopts forwarded reports.</summary>
public sealed record Carrier(string Id, string Name, CarrierLevel Level, CarrierKind Kind, bool Active,
    DateTimeOffset UpdatedAt);
