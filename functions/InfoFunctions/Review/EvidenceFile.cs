namespace InfoFunctions.Review;

/// <summary>An uploaded adoption evidence file; <see cref="Evidence"/> is what an adoption names.</summary>
public sealed record EvidenceFile(string Evidence, string ContentType, long Size);
