namespace InfoFunctions.Submissions;

/// <summary>An allowed file type: its extensions, the signature family it must match, and how it is served.</summary>
public sealed record FileType(string Extension, string ContentType, AttachmentKind Kind, Signature Signature);
