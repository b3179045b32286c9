namespace InfoFunctions.Rewards;

/// <summary>One append-only ledger line: what a fact earned or cost one person or unit, and why.</summary>
public sealed record LedgerLine(
    string Period,
    PartyKind PartyKind,
    string PartyId,
    string PartyName,
    string EventId,
    int LineNo,
    LedgerEventKind EventKind,
    string ReportId,
    string TrackingNumber,
    string? Title,
    string? CarrierId,
    int RuleVersion,
    decimal Points,
    decimal Yuan,
    string Reason,
    DateTimeOffset OccurredAt,
    bool Adjustment = false,
    string? OriginalPeriod = null,
    string? Issue = null)
{
    public string PartyKey => LedgerKeys.Party(PartyKind, PartyId);
}
