namespace InfoFunctions.Rewards;

/// <summary>
/// A page of a whole period's ledger lines in key order (grouped by party); <see cref="ContinuationToken"/> asks for
/// the next. A page may hold fewer lines than asked when <c>q</c> filters.
/// </summary>
public sealed record LedgerPage(string Period, IReadOnlyList<LedgerLine> Lines, string? ContinuationToken);
