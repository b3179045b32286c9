using InfoFunctions.Platform;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace InfoFunctions.Tests.Platform;

public sealed class StorageConnectionTests
{
    private static StorageConnection From(params (string Key, string Value)[] values) =>
        StorageConnection.From(
            new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
                .Build()
        );

    [Fact]
    public void A_connection_string_is_used_as_is_locally()
    {
        var s = From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));
        Assert.True(s.IsDevelopmentStorage);
        Assert.Null(s.Credential);
    }

    [Fact]
    public void Account_name_gives_identity_based_endpoints()
    {
        var s = From(
            ("AzureWebJobsStorage:accountName", "stinfo"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")
        );
        Assert.Null(s.ConnectionString);
        Assert.Equal(new Uri("https://stinfo.blob.core.windows.net"), s.BlobUri);
        Assert.Equal(new Uri("https://stinfo.queue.core.windows.net"), s.QueueUri);
        Assert.Equal(new Uri("https://stinfo.table.core.windows.net"), s.TableUri);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(s.Credential);
    }

    [Fact]
    public void An_endpoint_suffix_points_the_account_at_another_cloud()
    {
        var s = From(
            ("AzureWebJobsStorage:accountName", "stinfo"),
            ("AzureWebJobsStorage:endpointSuffix", "core.chinacloudapi.cn")
        );
        Assert.Equal(new Uri("https://stinfo.blob.core.chinacloudapi.cn"), s.BlobUri);
        Assert.Equal(new Uri("https://stinfo.queue.core.chinacloudapi.cn"), s.QueueUri);
        Assert.Equal(new Uri("https://stinfo.table.core.chinacloudapi.cn"), s.TableUri);
    }

    [Fact]
    public void Service_uris_win_over_the_account_name()
    {
        var s = From(
            ("AzureWebJobsStorage:accountName", "stinfo"),
            ("AzureWebJobsStorage:tableServiceUri", "https://other.table.core.windows.net")
        );
        Assert.Equal(new Uri("https://other.table.core.windows.net"), s.TableUri);
        Assert.Equal(new Uri("https://stinfo.blob.core.windows.net"), s.BlobUri);
        Assert.IsType<Azure.Identity.DefaultAzureCredential>(s.Credential);
    }

    [Fact]
    public void Missing_storage_settings_fail_with_a_message_naming_them()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => From());
        Assert.Contains("AzureWebJobsStorage", ex.Message);
    }
}
