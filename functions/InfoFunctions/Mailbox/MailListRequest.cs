namespace InfoFunctions.Mailbox;

/// <summary>The query of <c>GET /api/mailbox/mail</c>, as given.</summary>
public sealed record MailListRequest(string? Outcome, string? From, string? To, string? PageSize,
    string? ContinuationToken);
