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
        new(id, "T-" + id[^4..], "yq", "标题" + id[^4..], body, ReportCategory.DailyNews, [], null, Channel.Api, [], ReportStatus.Received, body.Length, "p", at);

    private static ulong[] Sig(string text) => NearDuplicates.Signature(text);

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
        Assert.Null(await a.RecordAndFindAsync(R("yq~0000000000000000a001", ChineseSamples.Original, Now.AddDays(-100)), Sig(ChineseSamples.Original), default));
        Assert.Null(await a.RecordAndFindAsync(R("yq~0000000000000000a002", ChineseSamples.Unrelated, Now.AddDays(-1)), Sig(ChineseSamples.Unrelated), default));
        // On instance B, a rephrased copy of the old news: nothing to flag within the window.
        Assert.Null(await b.RecordAndFindAsync(R("yq~0000000000000000a009", ChineseSamples.Rephrased, Now), Sig(ChineseSamples.Rephrased), default));

        // The same news arrives at A: once A reads again, it sees what B wrote.
        clock.Now += FingerprintStore.RefreshEvery;
        var hit = await a.RecordAndFindAsync(R("yq~0000000000000000a003", ChineseSamples.Original, Now), Sig(ChineseSamples.Original), default);
        Assert.Equal("yq~0000000000000000a009", hit?.ReportId);

        // B checks a009 again (a redelivery): never its own duplicate, but now A's report is there.
        clock.Now += FingerprintStore.RefreshEvery;
        hit = await b.RecordAndFindAsync(R("yq~0000000000000000a009", ChineseSamples.Rephrased, Now), Sig(ChineseSamples.Rephrased), default);
        Assert.Equal("yq~0000000000000000a003", hit?.ReportId);
        Assert.Equal("T-a003", hit?.TrackingNumber);
    }

    [Fact]
    public async Task Copies_checked_at_the_same_moment_on_one_instance_see_each_other()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var store = new FingerprintStore(await TablesAsync(azurite), new ManualClock(Now));
        var hits = await Task.WhenAll(
            store.RecordAndFindAsync(R("yq~0000000000000000b001", ChineseSamples.Original, Now), Sig(ChineseSamples.Original), default),
            store.RecordAndFindAsync(R("yq~0000000000000000b002", ChineseSamples.Rephrased, Now), Sig(ChineseSamples.Rephrased), default));
        Assert.Equal(["yq~0000000000000000b002", "yq~0000000000000000b001"], hits.Select(h => h?.ReportId ?? "none"));
    }
}
