namespace InfoFunctions.Submissions;

/// <summary>A large file a client was given an upload link for and has not confirmed yet.</summary>
public sealed record PendingUpload(string Name, DateTimeOffset ExpiresAt, string RowKey);
