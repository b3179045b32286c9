namespace InfoFunctions.Submissions;

/// <summary>
/// A large file a client was given an upload link for and has not confirmed yet: its attachment name, the
/// staging blob the link writes (null for links made before staging existed), and who asked for the link.
/// </summary>
public sealed record PendingUpload(string Name, DateTimeOffset ExpiresAt, string RowKey, string? Staging, string? By);
