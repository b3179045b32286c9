namespace InfoFunctions.Submissions;

/// <summary>
/// A stored attachment: <paramref name="Name"/> is the cleaned display name and the blob's last segment.
/// </summary>
public sealed record Attachment(string Name, string ContentType, long Size, AttachmentKind Kind);
