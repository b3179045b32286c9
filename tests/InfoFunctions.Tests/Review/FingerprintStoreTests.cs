using Azure.Data.Tables;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Review;

public class FingerprintStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static Report R(string id, string body, DateTimeOffset at) =>
        new(
            id,
            "T-" + id[^4..],
            "yq",
            "标题" + id[^4..],
            body,
            ReportCategory.DailyNews,
            [],
            null,
            Channel.Api,
            [],
            ReportStatus.Received,
            body.Length,
            "p",
            at
        );

    /// <summary>Records report <c>yq~…{id}</c> with this text and answers its nearest other report, if any.</summary>
    private static async Task<string?> CheckAsync(FingerprintStore store, string id, string text, DateTimeOffset at) =>
        (
            await store.RecordAndFindAsync(
                R("yq~0000000000000000" + id, text, at),
                NearDuplicates.Signature(text),
                default
            )
        )?.ReportId;

    private const string Original = ChineseSamples.Original,
        Rephrased = ChineseSamples.Rephrased;

    private static async Task<TableServiceClient> TablesAsync(Azurite azurite)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Fingerprints);
        return tables;
    }

    [Fact]
    public async Task Another_instance_s_fingerprints_are_seen_after_a_refresh_and_old_ones_are_ignored()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = await TablesAsync(azurite);
        var clock = new ManualClock(Now);
        var a = new FingerprintStore(tables, clock);
        var b = new FingerprintStore(tables, clock);

        // On instance A: old news from August (outside 90 days) and an unrelated report.
        Assert.Null(await CheckAsync(a, "a001", Original, Now.AddDays(-100)));
        Assert.Null(await CheckAsync(a, "a002", ChineseSamples.Unrelated, Now.AddDays(-1)));
        // On instance B, a rephrased copy of the old news: nothing to flag within the window.
        Assert.Null(await CheckAsync(b, "a009", Rephrased, Now));

        // The same news arrives at A: once A reads again, it sees what B wrote.
        clock.Now += FingerprintStore.RefreshEvery;
        Assert.Equal("yq~0000000000000000a009", await CheckAsync(a, "a003", Original, Now));

        // B checks a009 again (a redelivery): never its own duplicate, but now A's report is there.
        clock.Now += FingerprintStore.RefreshEvery;
        Assert.Equal("yq~0000000000000000a003", await CheckAsync(b, "a009", Rephrased, Now));
    }

    [Fact]
    public async Task Copies_checked_at_the_same_moment_on_one_instance_see_each_other()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var store = new FingerprintStore(await TablesAsync(azurite), new ManualClock(Now));
        var hits = await Task.WhenAll(
            CheckAsync(store, "b001", Original, Now),
            CheckAsync(store, "b002", Rephrased, Now)
        );
        Assert.Equal(["yq~0000000000000000b002", "yq~0000000000000000b001"], hits.Select(h => h ?? "none"));
    }
}
