namespace InfoFunctions.Dispatch;

/// <summary>The bimonthly 通报 of one period: totals, the ranked units and the narrative.</summary>
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
    IReadOnlyList<string> Summary);
