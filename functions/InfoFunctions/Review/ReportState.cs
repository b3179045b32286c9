using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// A report with the ETag to send back as If-Match: what an action answers, and a refusal's current state.
/// </summary>
public sealed record ReportState(Report Report, string Etag);
