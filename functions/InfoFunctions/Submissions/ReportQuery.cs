namespace InfoFunctions.Submissions;

/// <summary>
/// What a report list asks for. <see cref="Text"/> is looked for in the current title and body;
/// <see cref="CarrierId"/> keeps reports forwarded to (or adopted by) that carrier.
/// </summary>
public sealed record ReportQuery(
    string? UnitId, ReportStatus? Status, ReportCategory? Category, DateTimeOffset? From, DateTimeOffset? To,
    string? Text, string? CarrierId = null);
