namespace InfoFunctions.Submissions;

/// <summary>
/// The list's query string as given:
/// <c>unitId, status, category, from, to, q, carrierId, pageSize, continuationToken</c>.
/// </summary>
public sealed record ReportListRequest(
    string? UnitId, string? Status, string? Category, string? From, string? To, string? Text, string? PageSize,
    string? ContinuationToken, string? CarrierId = null);
