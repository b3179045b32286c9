namespace InfoFunctions.DirectoryFeature;

/// <summary>A unit as stored: PK <c>unit</c>, RK its id; level as its name.</summary>
public sealed class UnitEntity : TableRow
{
    public string? Name { get; set; }
    public string? ShortName { get; set; }
    public string? Level { get; set; }
    public string? ParentId { get; set; }
    public bool? Active { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static UnitEntity Of(string partition, Unit u) => new()
    {
        PartitionKey = partition,
        RowKey = u.Id,
        Name = u.Name,
        ShortName = u.ShortName,
        Level = u.Level.ToString(),
        ParentId = u.ParentId,
        Active = u.Active,
        UpdatedAt = u.UpdatedAt,
    };

    public Unit ToUnit() => new(
        RowKey, Name ?? "", Enum.Parse<UnitLevel>(Level ?? nameof(UnitLevel.Committee)), ParentId, Active ?? true,
        UpdatedAt ?? Timestamp ?? default, string.IsNullOrEmpty(ShortName) ? null : ShortName);
}
