namespace InfoFunctions.Submissions;

public sealed record AuthorInput(
    string? PersonId, [Text(InputRules.NameMax)] string? Name, decimal? Share, bool? IsDeputy);
