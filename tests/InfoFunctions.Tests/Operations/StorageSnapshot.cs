using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoFunctions.Operations;

namespace InfoFunctions.Tests.Operations;

/// <summary>
/// Everything the backup covers, as sorted lines: each entity property with the .NET type the SDK read
/// it as, and each blob with its bytes (as a hash), content type and metadata. Two equal snapshots mean
/// every entity, type and blob came back.
/// </summary>
public static class StorageSnapshot
{
    public static async Task<List<string>> TakeAsync(
        TableServiceClient tables, BlobServiceClient blobs, IEnumerable<string>? onlyTables = null)
    {
        var lines = new List<string>();
        foreach (var table in onlyTables ?? BackupService.Tables)
        {
            try
            {
                await foreach (var e in tables.GetTableClient(table).QueryAsync<TableEntity>())
                    foreach (var (name, value) in e.Where(kv => kv.Key is not ("Timestamp" or "odata.etag")))
                    {
                        var type = value?.GetType().Name;
                        lines.Add($"{table}|{e.PartitionKey}|{e.RowKey}|{name}:{type}={Format(value)}");
                    }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404) { }
        }
        if (onlyTables is null)
            foreach (var name in BackupService.Containers)
            {
                var container = blobs.GetBlobContainerClient(name);
                if (!(await container.ExistsAsync()).Value) continue;
                await foreach (var b in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
                {
                    var bytes = (await container.GetBlobClient(b.Name).DownloadContentAsync()).Value.Content.ToArray();
                    var meta = string.Join(";", b.Metadata.OrderBy(m => m.Key).Select(m => $"{m.Key}={m.Value}"));
                    lines.Add($"blob|{name}/{b.Name}|{b.Properties.ContentType}|{meta}|{BackupArchive.Sha256(bytes)}");
                }
            }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToBase64String(b),
        BinaryData b => Convert.ToBase64String(b.ToArray()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
