namespace InfoFunctions.Review;

/// <summary>An adoption (采用) as an editor registers it, with any leader endorsement (领导批示).</summary>
public sealed record AdoptionInput(
    string? CarrierId, DateOnly? AdoptedOn, [Text(InputRules.NameMax)] string? Issue, [Text(50)] string? Page,
    [Text(InputRules.UrlMax)] string? Url, [Text(InputRules.UrlMax)] string? Evidence,
    [Text(50)] string? EndorsementLevel, [Text(InputRules.NameMax)] string? EndorsedBy,
    [Text(InputRules.CommentMax, Multiline = true)] string? EndorsementText);
