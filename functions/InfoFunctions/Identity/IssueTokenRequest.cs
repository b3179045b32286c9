namespace InfoFunctions.Identity;

public sealed record IssueTokenRequest(string? PersonId, [Text(InputRules.NameMax)] string? Label, int? ExpiresInDays);
