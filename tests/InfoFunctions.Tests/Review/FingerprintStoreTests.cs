using Azure.Data.Tables;
using InfoFunctions.LocalHost;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

public class FingerprintStoreTests
{
    private static Report R(string id, string body, DateTimeOffset at) =>
        new(id, "T-" + id[^4..], "yq", "标题" + id[^4..], body, ReportCategory.DailyNews, [], null, Channel.Api, [], ReportStatus.Received, body.Length, "p", at);

    [Fact]
    public async Task Later_fingerprints_are_found_after_earlier_scans_and_old_ones_are_ignored()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Fingerprints);
        var store = new FingerprintStore(tables);
        var now = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var months = NearDuplicates.Months(now, 90);
        var copySig = NearDuplicates.Signature(ChineseSamples.Rephrased);

        // Old news from August (outside 90 days) and an unrelated report: nothing to flag yet.
        await store.SaveAsync("2026-08", R("yq~0000000000000000a001", ChineseSamples.Original, now.AddDays(-100)), NearDuplicates.Signature(ChineseSamples.Original), default);
        await store.SaveAsync("2026-11", R("yq~0000000000000000a002", ChineseSamples.Unrelated, now.AddDays(-1)), NearDuplicates.Signature(ChineseSamples.Unrelated), default);
        Assert.Null(await store.FindAsync(months, now.AddDays(-90), "yq~0000000000000000a009", copySig, default));

        // The same news arrives within the window after the scan above: the next scan sees it.
        await store.SaveAsync("2026-11", R("yq~0000000000000000a003", ChineseSamples.Original, now), NearDuplicates.Signature(ChineseSamples.Original), default);
        var hit = await store.FindAsync(months, now.AddDays(-90), "yq~0000000000000000a009", copySig, default);
        Assert.Equal("yq~0000000000000000a003", hit?.ReportId);
        // A report is never its own duplicate.
        Assert.Null(await store.FindAsync(months, now.AddDays(-90), "yq~0000000000000000a003", NearDuplicates.Signature(ChineseSamples.Original), default));
    }
}
