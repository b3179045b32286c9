namespace InfoFunctions.Rewards;

/// <summary>
/// <c>GET rewards/ledger</c>'s query as given: <c>period</c>, a party (<c>personId</c> or <c>unitId</c>), or for the
/// whole period the filters <c>partyKind</c> (person|unit), <c>kind</c> (adoption, endorsement, …), <c>carrierId</c>,
/// <c>reportId</c>, <c>q</c> (text in the title, tracking number, name or reason) and paging.
/// </summary>
public sealed record LedgerQuery(
    string? Period, string? PersonId = null, string? UnitId = null, string? PartyKind = null, string? Kind = null,
    string? CarrierId = null, string? ReportId = null, string? Text = null, string? PageSize = null,
    string? ContinuationToken = null);
