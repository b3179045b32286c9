using System.Text;
using Azure.Storage.Queues;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Mailbox;
using Xunit;
using Xunit.Abstractions;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Host;

/// <summary>
/// Ctrl-C with every queue of the app busy: each message is either done or visible again at once, none left hidden
/// for the rest of its lease. LocalHost runs as a process of its own on an Azurite that keeps its data on disk.
/// </summary>
public sealed class GracefulStopTests(AzuriteOnDisk storage, ITestOutputHelper output)
    : IClassFixture<AzuriteOnDisk>
{
    private static readonly string[] Queues = [StorageNames.Queues.Review, StorageNames.Queues.MailInbound,
        StorageNames.Queues.Ledger, StorageNames.Queues.Notifications];

    [Fact]
    public async Task Ctrl_C_with_every_queue_busy_leaves_no_message_hidden()
    {
        var service = new QueueServiceClient(storage.ConnectionString,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await PileUpWorkAsync(service);
        var before = new Dictionary<string, int>();
        foreach (var q in Queues) before[q] = await CountAsync(service, q);

        // A host whose leases last ten minutes (a message it kept would stay hidden that long) starts on the work,
        // and gets Ctrl-C as soon as every queue has finished a message, with more in flight.
        var settings = new Dictionary<string, string?>(LocalHostProcess.QuickRecovery)
        {
            ["LocalHost__MessageLeaseSeconds"] = "600",
        };
        await using (var working = await LocalHostProcess.StartAsync(storage.ConnectionString, settings))
        {
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var q in Queues)
                    if (await CountAsync(service, q) >= before[q]) return false;
                return true;
            }, "every queue being worked on", 60);
            working.Interrupt();
            await working.WaitForExitAsync(TimeSpan.FromSeconds(40));
        }

        // A send the host wrote just before it exited may still land: count once the queues are still.
        var last = "";
        await Eventually.HoldsAsync(async () =>
        {
            var counts = string.Join(",", await Task.WhenAll(Queues.Select(q => CountAsync(service, q))));
            if (counts == last) return true;
            last = counts;
            await Task.Delay(1000);
            return false;
        }, "queues still", 30);
        foreach (var q in Queues)
        {
            var (visible, pickedUp) = await ReceiveAllAsync(service, q);
            var total = await CountAsync(service, q); // all of them, the ones just received included
            output.WriteLine($"{q}: {before[q]} queued before, {total} left after Ctrl-C, {visible} of them visible " +
                $"({pickedUp} given back by the stopping host), {total - visible} hidden");
            Assert.Equal(total, visible);
        }
    }

    /// <summary>
    /// With the four queue functions switched off: 60 reports (review-intake), 60 mails (mail-inbound); then 200
    /// notices and 200 ledger facts straight onto their queues.
    /// </summary>
    private async Task PileUpWorkAsync(QueueServiceClient service)
    {
        var off = new Dictionary<string, string?>(LocalHostProcess.QuickRecovery);
        foreach (var fn in new[] { "ReviewIntake", "ParseInboundMail", "ApplyLedgerMessage", "SendNotification" })
            off[$"AzureWebJobs.{fn}.Disabled"] = "true";
        await using (var filling = await LocalHostProcess.StartAsync(storage.ConnectionString, off))
        {
            var (officerToken, _) = await filling.SetUpDemoAsync();
            using var officer = filling.CreateClient(officerToken);
            using var webhook = filling.CreateClient();
            webhook.DefaultRequestHeaders.Add("x-functions-key", TestApp.FunctionKey);
            var mail = MailboxTestSupport.Fixture("unknown-sender.eml");
            await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, _) =>
                {
                    await SubmitAsync(officer, $"停止测试稿件 {i:D2}", WalkBody($"{i % 28 + 1:D2}"));
                    var distinct = Encoding.ASCII.GetBytes($"X-Ctrl-C-Test: {i}\r\n").Concat(mail).ToArray();
                    Assert.True((await webhook.PostAsync("api/inbound/mail", SendGridInbound.Raw(distinct)))
                        .IsSuccessStatusCode);
                });
            filling.Interrupt();
            await filling.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) =>
            {
                var receipt = NotificationMessage.Create($"ctrl-c:{i}", Templates.Receipt,
                    NotificationTo.Address($"ctrl-c-{i}@example.org"), new
                    {
                        title = "停止测试",
                        trackingNumber = $"CC-{i}",
                        unitName = "埇桥区",
                        submittedAt = "2026-11-30 09:00",
                    });
                await service.GetQueueClient(StorageNames.Queues.Notifications)
                    .SendMessageAsync(Json.Serialize(receipt), ct);
                var fact = new LedgerMessage($"ctrl-c-{i}", LedgerEventKind.Adoption, $"yq~ctrl-c-{i}", $"CC-{i}", "yq",
                    [new LedgerAuthor(YangFan, "杨帆", null)], DateTimeOffset.UtcNow, "test", CarrierId: "ah-web");
                await service.GetQueueClient(StorageNames.Queues.Ledger).SendMessageAsync(Json.Serialize(fact), ct);
            });
    }

    private static async Task<int> CountAsync(QueueServiceClient service, string queue) =>
        (await service.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>
    /// The messages visible now, and how many of them had been picked up before, counted by receiving them all
    /// (which hides them; the test is over).
    /// </summary>
    private static async Task<(int Visible, int PickedUp)> ReceiveAllAsync(QueueServiceClient service, string queue)
    {
        int n = 0, picked = 0;
        while ((await service.GetQueueClient(queue).ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value
               is { Length: > 0 } batch)
        {
            n += batch.Length;
            picked += batch.Count(m => m.DequeueCount > 1);
        }
        return (n, picked);
    }
}
