using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace InfoFunctions.Platform;

/// <summary>
/// Reads <c>AzureWebJobsStorage</c> the way the Functions host does: a connection string
/// locally, or the identity-based form in Azure (<c>__accountName</c>, or
/// <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>, optionally
/// <c>__credential=managedidentity</c> with <c>__clientId</c>). An account name alone gives the public
/// cloud's endpoints unless <c>__endpointSuffix</c> names another cloud's (<c>core.chinacloudapi.cn</c> for
/// Azure operated by 21Vianet); infra sets the service URIs themselves, which every cloud and the host accept.
/// </summary>
public sealed record StorageConnection(
    string? ConnectionString,
    Uri? BlobUri,
    Uri? QueueUri,
    Uri? TableUri,
    TokenCredential? Credential
)
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string PublicCloudSuffix = "core.windows.net";

    public bool IsDevelopmentStorage =>
        ConnectionString is { } cs
        && (
            cs.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            || cs.Contains("devstoreaccount1", StringComparison.OrdinalIgnoreCase)
        );

    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new StorageConnection(section.Value, null, null, null, null);

        var account = section["accountName"];
        var suffix = section["endpointSuffix"] is { Length: > 0 } s ? s.Trim().Trim('.') : PublicCloudSuffix;
        Uri? Endpoint(string key, string service) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.{suffix}")
            : null;

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null || queue is null || table is null)
            throw new InvalidOperationException(
                "缺少存储配置：请设置 AzureWebJobsStorage（本地为连接字符串，例如 UseDevelopmentStorage=true），"
                    + "或在 Azure 中设置 AzureWebJobsStorage__accountName"
                    + "（或 __blobServiceUri、__queueServiceUri、__tableServiceUri）。"
                    + " Missing storage settings: set AzureWebJobsStorage or AzureWebJobsStorage__accountName."
            );

        var clientId = section["clientId"];
        TokenCredential credential = string.Equals(
            section["credential"],
            "managedidentity",
            StringComparison.OrdinalIgnoreCase
        )
            ? new ManagedIdentityCredential(
                clientId is { Length: > 0 }
                    ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                    : ManagedIdentityId.SystemAssigned
            )
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return new StorageConnection(null, blob, queue, table, credential);
    }
}
