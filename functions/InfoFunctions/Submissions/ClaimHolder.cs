namespace InfoFunctions.Submissions;

/// <summary>
/// Whom a key belongs to: <see cref="ReportId"/> is the id it was claimed for, by this request or an earlier one.
/// </summary>
public sealed record ClaimHolder(string ReportId, string? Fingerprint, ETag ETag);
