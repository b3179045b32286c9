namespace InfoFunctions.DirectoryFeature;

/// <summary>The four levels of the information network named by the seed document.</summary>
public enum UnitLevel
{
    /// <summary>市人大常委会各委室.</summary>
    Committee,
    /// <summary>法检两院 (intermediate court and procuratorate).</summary>
    Judicial,
    /// <summary>县区人大常委会.</summary>
    County,
    /// <summary>乡镇人大, always under a county or district.</summary>
    Township,
}

public enum Employment
{
    /// <summary>专职.</summary>
    FullTime,
    /// <summary>兼职.</summary>
    PartTime,
}

public enum CarrierLevel
{
    Provincial,
    Municipal,
}

public enum CarrierKind
{
    Website,
    Periodical,
}

public sealed record Unit(string Id, string Name, UnitLevel Level, string? ParentId, bool Active, DateTimeOffset UpdatedAt);

public sealed record Person(
    string Id, string Name, string Email, string? Phone, string UnitId, IReadOnlyList<string> Roles,
    Employment Employment, bool IsDeputy, int AnnualQuota, bool Active, DateTimeOffset UpdatedAt);

/// <summary>A unit's person as a colleague sees them: enough to name a co-author.</summary>
public sealed record UnitMember(string Id, string Name, bool IsDeputy);

/// <summary>载体: a website or periodical that adopts forwarded reports.</summary>
public sealed record Carrier(string Id, string Name, CarrierLevel Level, CarrierKind Kind, bool Active, DateTimeOffset UpdatedAt);


// Request bodies: everything nullable and enums as text, so bad input becomes per-field errors
// rather than a JSON deserialisation failure.
public sealed record UnitInput(string? Id, string? Name, string? Level, string? ParentId, bool? Active);

public sealed record PersonInput(
    string? Id, string? Name, string? Email, string? Phone, string? UnitId, IReadOnlyList<string>? Roles,
    string? Employment, bool? IsDeputy, int? AnnualQuota, bool? Active);

public sealed record CarrierInput(string? Id, string? Name, string? Level, string? Kind, bool? Active);


/// <summary>What an import or demo load did.</summary>
public sealed record ImportSummary(int Created, int Updated, int Unchanged);
