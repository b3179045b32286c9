namespace InfoFunctions.Review;

/// <summary>An adoption (采用) as an editor registers it, with any leader endorsement (领导批示).</summary>
public sealed record AdoptionInput(
    string? CarrierId, DateOnly? AdoptedOn, string? Issue, string? Page, string? Url, string? Evidence,
    string? EndorsementLevel, string? EndorsedBy, string? EndorsementText);
