using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>The body of <c>POST reports/{id}/review/{action}</c>; which fields matter depends on the action.</summary>
public sealed record ActionRequest(
    [Text(InputRules.CommentMax, Multiline = true)] string? Comment = null,
    [Text(InputRules.TitleMax)] string? Title = null,
    [Text(ReportStore.MaxBodyLength, Multiline = true)] string? Body = null,
    IReadOnlyList<ForwardTarget>? Carriers = null,
    string? CarrierId = null, AdoptionInput? Adoption = null);
