namespace InfoFunctions.Submissions;

public sealed record AuthorInput(string? PersonId, string? Name, decimal? Share, bool? IsDeputy);
