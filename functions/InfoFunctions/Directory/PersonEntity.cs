namespace InfoFunctions.DirectoryFeature;

/// <summary>A person as stored: PK <c>person</c>, RK <c>id:&lt;personId&gt;</c>; roles comma-separated.</summary>
public sealed class PersonEntity : TableRow
{
    public string? PersonId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? UnitId { get; set; }
    public string? Roles { get; set; }
    public string? Employment { get; set; }
    public bool? IsDeputy { get; set; }
    public int? AnnualQuota { get; set; }
    public bool? Active { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static PersonEntity Of(string partition, string rowKey, Person p) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        PersonId = p.Id,
        Name = p.Name,
        Email = p.Email,
        Phone = p.Phone,
        UnitId = p.UnitId,
        Roles = string.Join(",", p.Roles),
        Employment = p.Employment.ToString(),
        IsDeputy = p.IsDeputy,
        AnnualQuota = p.AnnualQuota,
        Active = p.Active,
        UpdatedAt = p.UpdatedAt,
    };

    public Person ToPerson(string idFromKey) => new(
        PersonId ?? idFromKey, Name ?? "", Email ?? "", Phone, UnitId ?? "",
        (Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        Enum.Parse<Employment>(Employment ?? nameof(DirectoryFeature.Employment.PartTime)), IsDeputy ?? false,
        AnnualQuota ?? 0, Active ?? true, UpdatedAt ?? Timestamp ?? default);
}
