using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.LocalHost;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace InfoFunctions.Tests.Submissions;

/// <summary>
/// Against its own Azurite: what the receipt asked the directory is remembered for
/// <see cref="Receipts.RememberFor"/> only, so a deactivated author stops getting receipts once it has passed.
/// </summary>
public class ReceiptDirectoryTests
{
    [Fact]
    public async Task A_deactivated_author_gets_no_receipt_once_the_remembered_answer_is_older_than_30_s()
    {
        await using var azurite = await Azurite.StartAsync(location: null);
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var t in StorageNames.All(typeof(StorageNames.Tables))) await tables.CreateTableIfNotExistsAsync(t);
        var queues = new QueueServiceClient(azurite.ConnectionString);
        var queue = queues.GetQueueClient(StorageNames.Queues.Notifications);
        await queue.CreateIfNotExistsAsync();
        var people = new PersonStore(tables,
            new PrincipalCache(Options.Create(new AuthOptions()), TimeProvider.System));
        Person P(string id) => new(id, "姓名" + id, $"{id}@example.org", null, "yq", ["officer"], Employment.FullTime,
            false, 0, true, DateTimeOffset.UtcNow);
        await people.CreateAsync(P("author"), default);
        await people.CreateAsync(P("submitter"), default);

        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        var receipts = new Receipts(new UnitStore(tables), new PersonLookup(people), new NotificationQueue(queues),
            clock);
        Report R(string trackingNumber) =>
            new($"yq~{Guid.NewGuid():N}", trackingNumber, "yq", "标题", "正文", ReportCategory.DailyNews,
                [new ReportAuthor("author", "姓名author", null, false)], null, Channel.Api, [],
                ReportStatus.Received, 2, "submitter", clock.GetUtcNow());

        await receipts.SendAsync(R("2026-0001"), default);
        var author = (await people.GetAsync("author", default))!;
        var deactivated = await people.ReplaceAsync(author.Value with { Active = false }, author.ETag,
            author.Value.Email, default);
        Assert.Equal(WriteOutcome.Ok, deactivated.Outcome);
        clock.Now += TimeSpan.FromSeconds(29);
        await receipts.SendAsync(R("2026-0002"), default); // within 30 s: the remembered answer
        clock.Now += TimeSpan.FromSeconds(2);
        await receipts.SendAsync(R("2026-0003"), default); // asked again: the author is inactive now

        var sent = (await queue.ReceiveMessagesAsync(32)).Value
            .Select(m => Json.Deserialize<NotificationMessage>(m.Body.ToString())!)
            .ToDictionary(m => m.IdempotencyKey, m => m.To.PersonId);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["receipt:2026-0001"] = "author",
            ["receipt:2026-0002"] = "author",
            ["receipt:2026-0003"] = "submitter",
        }, sent);
    }
}
