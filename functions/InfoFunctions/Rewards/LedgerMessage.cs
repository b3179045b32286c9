namespace InfoFunctions.Rewards;

/// <summary>What kind of fact a <see cref="LedgerMessage"/> reports.</summary>
public enum LedgerEventKind
{
    /// <summary>A carrier adopted (采用) a forwarded report.</summary>
    Adoption,
    /// <summary>An earlier adoption is reversed (and, when <c>CarrierId</c> is set, replaced by this one).</summary>
    AdoptionCorrection,
    /// <summary>A leader endorsed (领导批示) a report.</summary>
    Endorsement,
    /// <summary>A penalty: a missed commissioned topic (约稿) or inaccurate information.</summary>
    Penalty,
    /// <summary>A grade in the annual 好信息评选.</summary>
    ContestAward,
}

/// <summary>An author of the report behind a ledger fact; shares split the reward (equal when none given).</summary>
public sealed record LedgerAuthor(string PersonId, string Name, decimal? Share);

/// <summary>
/// One fact that may earn or cost points and money, as the review pipeline (and dispatch, for
/// penalties) puts it on the <c>ledger</c> queue. <paramref name="EventId"/> is the ledger key:
/// a redelivered message adds nothing. <paramref name="OccurredAt"/> decides the half-year (in
/// Asia/Shanghai). Corrections name the event they reverse in <paramref name="ReplacesEventId"/>.
/// <paramref name="Title"/> and <paramref name="Issue"/> (the carrier's issue, e.g. "2026年第3期") are
/// optional, for statements; without a title the ledger looks the report up.
/// </summary>
public sealed record LedgerMessage(
    string EventId,
    LedgerEventKind Kind,
    string ReportId,
    string TrackingNumber,
    string UnitId,
    IReadOnlyList<LedgerAuthor> Authors,
    DateTimeOffset OccurredAt,
    string RecordedBy,
    string? CarrierId = null,
    string? ReplacesEventId = null,
    string? EndorsementLevel = null,
    string? PenaltyKind = null,
    string? Grade = null,
    string? Note = null,
    string? Title = null,
    string? Issue = null);
