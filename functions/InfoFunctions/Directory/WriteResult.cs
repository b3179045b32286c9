namespace InfoFunctions.DirectoryFeature;

public readonly record struct WriteResult(WriteOutcome Outcome, string? ETag = null)
{
    public static WriteResult Ok(string etag) => new(WriteOutcome.Ok, etag);
}
