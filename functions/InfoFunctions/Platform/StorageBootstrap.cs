using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace InfoFunctions.Platform;

/// <summary>Creates every name in <see cref="StorageNames"/> when <c>Storage__EnsureCreated</c> is on.</summary>
public sealed class StorageBootstrap(
    IOptions<StorageOptions> options,
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    ILogger<StorageBootstrap> log
) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.EnsureCreated)
            return;
        await Task.WhenAll(
            StorageNames
                .All(typeof(StorageNames.Tables))
                .Select(t => tables.CreateTableIfNotExistsAsync(t, ct))
                .Concat<Task>(
                    StorageNames
                        .All(typeof(StorageNames.Containers))
                        .Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: ct))
                )
                .Concat(
                    StorageNames
                        .QueuesWithPoison()
                        .Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: ct))
                )
                .Append(AllowBrowserLinksAsync(ct))
        );
        log.LogInformation("存储资源已就绪 (tables, queues, containers ensured).");
    }

    /// <summary>
    /// The console's browser uploads and reads files through short-lived SAS links (infra sets the
    /// same rule in Azure). Any origin: the SAS in the link is what grants access.
    /// </summary>
    private async Task AllowBrowserLinksAsync(CancellationToken ct)
    {
        var properties = (await blobs.GetPropertiesAsync(ct)).Value;
        if (properties.Cors.Count > 0)
            return;
        properties.Cors.Add(
            new Azure.Storage.Blobs.Models.BlobCorsRule
            {
                AllowedOrigins = "*",
                AllowedMethods = "GET,HEAD,PUT",
                AllowedHeaders = "*",
                ExposedHeaders = "*",
                MaxAgeInSeconds = 3600,
            }
        );
        await blobs.SetPropertiesAsync(properties, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
