using InfoFunctions.LocalHost;
using Xunit;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>An Azurite of its own that keeps its data on disk, for tests that stop and restart the host.</summary>
public sealed class AzuriteOnDisk : IAsyncLifetime
{
    private readonly string _data =
        Path.Combine(Path.GetTempPath(), "infofunctions-disk-" + Guid.NewGuid().ToString("N"));
    private Azurite _azurite = null!;

    public string ConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
