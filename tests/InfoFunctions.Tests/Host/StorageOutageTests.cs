using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace InfoFunctions.Tests.Host;

/// <summary>
/// Storage stops answering under load, then comes back: honest 503s meanwhile, nothing lost or doubled.
/// The app reaches Azurite through relays the test can cut (refused connections) or silence (no answer).
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private TcpRelay[] _relays = [];

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: null);
        _relays = [new TcpRelay(_azurite.BlobPort), new TcpRelay(_azurite.QueuePort), new TcpRelay(_azurite.TablePort)];
    }

    public async Task DisposeAsync()
    {
        foreach (var r in _relays)
            await r.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private void Storage(Action<TcpRelay> change)
    {
        foreach (var r in _relays)
            change(r);
    }

    private static object Report(int n) =>
        new
        {
            title = $"存储中断测试稿件 {n:D3}",
            body = "市人大常委会调研组赴埇桥区开展专题调研，了解基层人大工作开展情况。",
            unitId = "yq",
            authors = new[] { new { name = "杨帆" } },
        };

    [Fact]
    public async Task While_storage_is_down_requests_get_503_with_retry_after_and_retries_lose_nothing()
    {
        const int reports = 40;
        var viaRelays = Azurite.ConnectionStringFor(_relays[0].Port, _relays[1].Port, _relays[2].Port);
        await using var app = await TestApp.StartAsync(
            viaRelays,
            new Dictionary<string, string?>
            {
                // Short waits keep the test quick; the defaults bound them at about 16 s.
                ["Storage__TimeoutSeconds"] = "2",
                ["Storage__MaxRetries"] = "1",
            }
        );
        using var client = app.CreateAdminClient();
        Assert.True((await client.PostAsync("api/directory/demo", null)).IsSuccessStatusCode);

        async Task<HttpStatusCode> SubmitAsync(int n)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports")
            {
                Content = JsonContent(Report(n)),
            };
            request.Headers.Add("Idempotency-Key", $"outage-{n}");
            var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("storage-unavailable", (await response.JsonAsync()).GetProperty("code").GetString());
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 carries Retry-After");
            }
            return response.StatusCode;
        }

        for (var n = 0; n < reports / 2; n++)
            Assert.Equal(HttpStatusCode.Created, await SubmitAsync(n));

        // Storage refuses connections, then stops answering at all.
        var refused = new List<int>();
        foreach (
            var (outage, from, to) in new (Action<TcpRelay>, int, int)[]
            {
                (r => r.Refuse(), reports / 2, reports * 5 / 8),
                (r => r.BlackHole(), reports * 5 / 8, reports * 5 / 8 + 2),
            }
        )
        {
            Storage(outage);
            var clock = Stopwatch.StartNew();
            for (var n = from; n < to; n++)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, await SubmitAsync(n));
                refused.Add(n);
            }
            output.WriteLine(
                $"{to - from} submissions answered 503 in {clock.ElapsedMilliseconds} ms "
                    + $"({(from == reports / 2 ? "refused" : "no answer")})"
            );
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/health")).StatusCode); // alive
        var ready = await client.GetAsync("api/health/ready"); // but not ready
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.NotNull(ready.Headers.RetryAfter);

        // Storage comes back; clients retry with the same keys.
        Storage(r => r.Pass());
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync("api/health/ready")).StatusCode == HttpStatusCode.OK,
            "ready again"
        );
        foreach (var n in refused.Concat(Enumerable.Range(reports * 5 / 8 + 2, reports * 3 / 8 - 2)))
            Assert.Equal(HttpStatusCode.Created, await SubmitAsync(n));
        // A retry of one that already succeeded replays it rather than storing it twice.
        Assert.Equal(HttpStatusCode.OK, await SubmitAsync(0));

        var titles = new List<string>();
        await foreach (
            var e in app
                .Tables.GetTableClient(StorageNames.Tables.Reports)
                .QueryAsync<TableEntity>(e => e.PartitionKey == "yq")
        )
            if (!e.RowKey.Contains('~') && e.GetString("Title") is { } t && t.StartsWith("存储中断测试稿件"))
                titles.Add(t);
        output.WriteLine($"{titles.Count} reports stored, {titles.Distinct().Count()} distinct");
        Assert.Equal(reports, titles.Count);
        Assert.Equal(reports, titles.Distinct().Count());
    }

    private static StringContent JsonContent(object body) =>
        new(Json.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
