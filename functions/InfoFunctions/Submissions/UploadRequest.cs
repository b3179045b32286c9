namespace InfoFunctions.Submissions;

/// <summary>A large file to come through an upload link: its name and, if known, its size.</summary>
public sealed record UploadRequest(string? FileName, long? Size);
