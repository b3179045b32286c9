using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// The body of <c>POST reports/{id}/review/{action}</c>; which fields matter depends on the action.
/// <see cref="ConfirmAuthors"/>: person ids of co-authors from other units the editor confirms (with startEdit,
/// saveEdit, submitForReview or approve).
/// </summary>
public sealed record ActionRequest(
    [Text(InputRules.CommentMax, Multiline = true)] string? Comment = null,
    [Text(InputRules.TitleMax)] string? Title = null,
    [Text(ReportStore.MaxBodyLength, Multiline = true)] string? Body = null,
    IReadOnlyList<ForwardTarget>? Carriers = null,
    string? CarrierId = null, AdoptionInput? Adoption = null, IReadOnlyList<string>? ConfirmAuthors = null);
