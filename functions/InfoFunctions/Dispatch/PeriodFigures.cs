namespace InfoFunctions.Dispatch;

/// <summary>One period's reports, adoptions and points, as the 通报 counts them.</summary>
public sealed record PeriodFigures(IReadOnlyList<BulletinReport> Reports, IReadOnlyList<AdoptionRecord> Adoptions,
    IReadOnlyList<PointsRecord> Points)
{
    public static readonly PeriodFigures Empty = new([], [], []);
}
