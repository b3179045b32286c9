namespace InfoFunctions.Dispatch;

/// <summary>One person in the 通报's ranking of authors.</summary>
public sealed record PersonRow(int Rank, string? PersonId, string Name, string UnitId, string UnitName, bool IsDeputy,
    int Submitted, int Adopted, decimal Points, string? UnitShortName = null);
