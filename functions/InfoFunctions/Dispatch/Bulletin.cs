namespace InfoFunctions.Dispatch;

/// <summary>
/// The bimonthly 通报 of one period: totals, the ranked units and the narrative. <see cref="IssueName"/> is the
/// period as the office writes it (2026年第6期).
/// </summary>
public sealed record Bulletin(
    string Period,
    string PeriodName,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset GeneratedAt,
    BulletinTotals Totals,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<CategoryRow> Categories,
    GroupContribution Deputies,
    GroupContribution GovernmentOffices,
    IReadOnlyList<UnitRow> TopUnits,
    IReadOnlyList<PersonRow> TopPeople,
    IReadOnlyList<string> UnitsWithoutSubmissions,
    IReadOnlyList<string> Summary,
    string? IssueName = null);
