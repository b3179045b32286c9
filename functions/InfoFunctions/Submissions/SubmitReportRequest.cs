namespace InfoFunctions.Submissions;

/// <summary>The report fields as a client sends them (JSON body or multipart form fields).</summary>
public sealed record SubmitReportRequest(
    [Text(InputRules.TitleMax)] string? Title,
    [Text(ReportStore.MaxBodyLength, Multiline = true)] string? Body,
    string? Category, string? UnitId, IReadOnlyList<AuthorInput>? Authors, [Text(100)] string? TopicId,
    string? Channel);
