namespace InfoFunctions.Identity;

public sealed record IssueTokenRequest(string? PersonId, string? Label, int? ExpiresInDays);
