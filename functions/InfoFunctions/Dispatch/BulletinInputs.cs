namespace InfoFunctions.Dispatch;

/// <summary>Everything <see cref="BulletinBuilder"/> needs; loaded by an <see cref="IBulletinSource"/>.</summary>
public sealed record BulletinInputs(
    DispatchPeriod Period,
    IReadOnlyList<BulletinUnit> Units,
    PeriodFigures Current,
    PeriodFigures Previous,
    IReadOnlyList<TopicOutcome> Topics,
    IReadOnlyList<UnitTarget> Targets);
