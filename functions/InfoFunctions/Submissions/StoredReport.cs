namespace InfoFunctions.Submissions;

/// <summary>
/// A report intake stored, or found stored: <see cref="Replayed"/> when an earlier request had stored it.
/// </summary>
public sealed record StoredReport(Report Report, bool Replayed);
