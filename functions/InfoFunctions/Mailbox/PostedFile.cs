namespace InfoFunctions.Mailbox;

/// <summary>A parsed-mode file as posted: its form field (<c>attachment1</c>…), file name, type and bytes.</summary>
public sealed record PostedFile(string Field, string FileName, string ContentType, MemoryStream Content);
