using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>
/// A unit as the bulletin sees it. <paramref name="IsGovernmentOffice"/> marks the 机关: the directory
/// has no "government department" level, so the committee offices (委室) of the standing committee
/// are counted as the 机关 whose officers the seed says rarely contribute.
/// </summary>
public sealed record BulletinUnit(string Id, string Name, string LevelName, bool IsGovernmentOffice);

public sealed record BulletinAuthor(string? PersonId, string Name, bool IsDeputy);

/// <summary>A report submitted in the period.</summary>
public sealed record BulletinReport(string Id, string UnitId, string Title, ReportCategory Category, IReadOnlyList<BulletinAuthor> Authors, DateTimeOffset SubmittedAt);

/// <summary>The carrier tiers the bulletin counts adoptions by.</summary>
public enum CarrierTier { Provincial, Municipal }

/// <summary>One adoption (采用) of a report by a carrier, dated when the carrier adopted it.</summary>
public sealed record AdoptionRecord(
    string ReportId, string UnitId, ReportCategory Category, IReadOnlyList<BulletinAuthor> Authors,
    string CarrierId, string CarrierName, CarrierTier Tier, DateTimeOffset AdoptedAt);

/// <summary>Points earned in the period: per unit, and per person when <paramref name="PersonId"/> is set.</summary>
public sealed record PointsRecord(string UnitId, string? PersonId, string? PersonName, decimal Points);

public enum TopicStatus { Open, Accepted, Declined, Fulfilled, Overdue }

/// <summary>How one addressee of a commissioned topic stands; a person counts for their unit.</summary>
public sealed record TopicOutcome(string TopicId, string UnitId, string? PersonId, TopicStatus Status);

public sealed record UnitTarget(string UnitId, int Submissions, int Adoptions);

public sealed record PeriodFigures(IReadOnlyList<BulletinReport> Reports, IReadOnlyList<AdoptionRecord> Adoptions, IReadOnlyList<PointsRecord> Points)
{
    public static readonly PeriodFigures Empty = new([], [], []);
}

/// <summary>Everything <see cref="BulletinBuilder"/> needs; loaded by an <see cref="IBulletinSource"/>.</summary>
public sealed record BulletinInputs(
    DispatchPeriod Period,
    IReadOnlyList<BulletinUnit> Units,
    PeriodFigures Current,
    PeriodFigures Previous,
    IReadOnlyList<TopicOutcome> Topics,
    IReadOnlyList<UnitTarget> Targets);

// ---- The bulletin ----

public sealed record UnitRow(
    int Rank,
    string UnitId,
    string UnitName,
    string LevelName,
    bool IsGovernmentOffice,
    int Submitted,
    int AdoptionsProvincial,
    int AdoptionsMunicipal,
    int Adopted,
    decimal? AdoptionRate,
    decimal Points,
    int? PreviousRank,
    int? RankChange,
    int PreviousSubmitted,
    int PreviousAdopted,
    int SubmittedChange,
    int AdoptedChange,
    int TopicsFulfilled,
    int TopicsOverdue,
    int? TargetSubmissions,
    int? TargetAdoptions,
    decimal? SubmissionProgress,
    decimal? AdoptionProgress);

public sealed record CategoryRow(ReportCategory Category, string Name, int Submitted, decimal? Share, int Adopted);

public sealed record GroupContribution(string Name, int Contributors, int Submitted, int Adopted, decimal? ShareOfSubmitted);

public sealed record PersonRow(int Rank, string? PersonId, string Name, string UnitId, string UnitName, bool IsDeputy, int Submitted, int Adopted, decimal Points);

public sealed record BulletinTotals(
    int Submitted, int Adopted, int AdoptionsProvincial, int AdoptionsMunicipal, decimal? AdoptionRate, decimal Points,
    int PreviousSubmitted, int PreviousAdopted, int TopicsFulfilled, int TopicsOverdue, int UnitsWithoutSubmissions);

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

/// <summary>Where the bulletin's inputs come from (storage in the app, hand-built in tests).</summary>
public interface IBulletinSource
{
    Task<BulletinInputs> LoadAsync(DispatchPeriod period, CancellationToken ct);
}

/// <summary>
/// Adoptions in [from, to). Implemented by the review pipeline; until it is merged the app registers
/// <see cref="NoAdoptions"/> (TryAdd), so bulletins show zero adoptions rather than failing.
/// </summary>
public interface IAdoptionSource
{
    Task<IReadOnlyList<AdoptionRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>Points earned in [from, to). Implemented by rewards; <see cref="NoPoints"/> until then.</summary>
public interface IPointsSource
{
    Task<IReadOnlyList<PointsRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

public sealed class NoAdoptions : IAdoptionSource
{
    public Task<IReadOnlyList<AdoptionRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AdoptionRecord>>([]);
}

public sealed class NoPoints : IPointsSource
{
    public Task<IReadOnlyList<PointsRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PointsRecord>>([]);
}
