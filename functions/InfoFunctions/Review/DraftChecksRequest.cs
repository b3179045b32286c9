using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>A draft to check: its title, body, author names and how many photos it carries.</summary>
public sealed record DraftChecksRequest(
    [Text(InputRules.TitleMax)] string? Title,
    [Text(ReportStore.MaxBodyLength, Multiline = true)] string? Body,
    [Text(InputRules.NameMax)] IReadOnlyList<string?>? Authors, int? Images);
