namespace InfoFunctions.Operations;

public sealed record RestoreReport(string Night, IReadOnlyList<RestoreReport.Table> Tables, long Blobs, long BlobBytes)
{
    public sealed record Table(string Source, string Target, long Entities);
}
