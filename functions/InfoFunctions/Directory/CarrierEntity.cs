namespace InfoFunctions.DirectoryFeature;

/// <summary>A carrier as stored: PK <c>carrier</c>, RK its id; level and kind as their names.</summary>
public sealed class CarrierEntity : TableRow
{
    public string? Name { get; set; }
    public string? Level { get; set; }
    public string? Kind { get; set; }
    public bool? Active { get; set; }
    public bool? RequiresCaptions { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static CarrierEntity Of(string partition, Carrier c) => new()
    {
        PartitionKey = partition,
        RowKey = c.Id,
        Name = c.Name,
        Level = c.Level.ToString(),
        Kind = c.Kind.ToString(),
        Active = c.Active,
        UpdatedAt = c.UpdatedAt,
        RequiresCaptions = c.RequiresCaptions,
    };

    public Carrier ToCarrier() => new(
        RowKey, Name ?? "", Enum.Parse<CarrierLevel>(Level ?? nameof(CarrierLevel.Municipal)),
        Enum.Parse<CarrierKind>(Kind ?? nameof(CarrierKind.Periodical)), Active ?? true,
        UpdatedAt ?? Timestamp ?? default, RequiresCaptions ?? false);
}
