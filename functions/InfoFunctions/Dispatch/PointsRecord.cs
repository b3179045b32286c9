namespace InfoFunctions.Dispatch;

/// <summary>Points earned in the period: per unit, and per person when <paramref name="PersonId"/> is set.</summary>
public sealed record PointsRecord(string UnitId, string? PersonId, string? PersonName, decimal Points);
