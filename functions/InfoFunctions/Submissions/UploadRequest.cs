namespace InfoFunctions.Submissions;

/// <summary>A large file to come through an upload link: its name and, if known, its size.</summary>
public sealed record UploadRequest([Text(InputRules.FileNameMax)] string? FileName, long? Size);
