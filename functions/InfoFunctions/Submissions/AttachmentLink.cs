namespace InfoFunctions.Submissions;

/// <summary>A short-lived link to read one stored file.</summary>
public sealed record AttachmentLink(string Name, Uri Url, DateTimeOffset ExpiresAt);
