using InfoFunctions.Identity;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;

namespace InfoFunctions.DirectoryFeature;

public readonly record struct WriteResult(WriteOutcome Outcome, string? ETag = null)
{
    public static WriteResult Ok(string etag) => new(WriteOutcome.Ok, etag);
}
