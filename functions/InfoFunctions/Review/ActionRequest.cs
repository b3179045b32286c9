namespace InfoFunctions.Review;

/// <summary>The body of <c>POST reports/{id}/review/{action}</c>; which fields matter depends on the action.</summary>
public sealed record ActionRequest(
    string? Comment = null, string? Title = null, string? Body = null, IReadOnlyList<ForwardTarget>? Carriers = null,
    string? CarrierId = null, AdoptionInput? Adoption = null);
