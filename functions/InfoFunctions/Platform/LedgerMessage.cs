namespace InfoFunctions.Platform;

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
