namespace InfoFunctions.Review;

/// <summary>A draft to check: its title, body, author names and how many photos it carries.</summary>
public sealed record DraftChecksRequest(string? Title, string? Body, IReadOnlyList<string?>? Authors, int? Images);
