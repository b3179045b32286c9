using Azure.Storage.Queues;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace InfoFunctions.Tests.Notifications;

/// <summary>
/// The processor on real storage (Azurite) with the real SendGrid client against the fake API.
/// Only the directory is a test double here.
/// </summary>
[Collection("notifications")]
public sealed class NotificationProcessorTests(NotificationsFixture fx)
{
    private readonly RecordingPause _pause = new();
    private readonly FixedTime _time = new(DateTimeOffset.UtcNow);

    private static readonly TestDirectory People = new(
        ("p-zhang", "张三", "zhangsan@example.org", "unit-yq", ["officer"]),
        ("p-wang", "王编辑", "wang.editor@example.org", "unit-yjs", ["editor"]),
        ("p-li", "李编辑", "li.editor@example.org", "unit-yjs", ["editor", "signer"]),
        ("p-zhao", "赵编辑", "zhao.editor@example.org", "unit-yq", ["editor"])
    );

    private NotificationProcessor Processor(
        out DeliveryLog log,
        out PreferenceStore prefs,
        IEmailSender? sender = null,
        Action<NotificationOptions>? change = null
    )
    {
        var options = NotificationTestData.Options(o =>
        {
            o.SendGridApiKey = "SG.test";
            o.SendGridApiHost = fx.SendGrid.BaseUrl;
            change?.Invoke(o);
        });
        log = new DeliveryLog(fx.Tables);
        prefs = new PreferenceStore(fx.Tables);
        sender ??= new SendGridEmailSender(options, _pause, _time, NullLogger<SendGridEmailSender>.Instance);
        return new NotificationProcessor(
            [People],
            new TemplateRenderer(),
            sender,
            log,
            prefs,
            fx.Queues,
            options,
            _time,
            NullLogger<NotificationProcessor>.Instance
        );
    }

    private static string Key(string what) => $"{what}:{Guid.NewGuid():N}";

    [Fact]
    public async Task A_redelivered_message_sends_once()
    {
        var processor = Processor(out var log, out _);
        var message = NotificationTestData.Message(Templates.Adopted, NotificationTo.Person("p-zhang"), Key("adopted"));

        var first = await processor.ProcessAsync(message, CancellationToken.None);
        var second = await processor.ProcessAsync(message, CancellationToken.None);

        Assert.Equal(["zhangsan@example.org"], first.Sent);
        Assert.Empty(second.Sent);
        Assert.Equal(["zhangsan@example.org"], second.Skipped);
        Assert.Single(fx.SendGrid.For(message.IdempotencyKey));
        var entry = await log.FindAsync("zhangsan@example.org", message.IdempotencyKey, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Sent, entry!.Status);
        Assert.Equal("sendgrid", entry.Sender);
        Assert.Equal("【采用通知】《泗县人大常委会推进“一府一委两院”工作评议》被《代表之声》采用", entry.Subject);
        Assert.StartsWith("fake-", entry.ProviderMessageId);
    }

    [Fact]
    public async Task A_role_in_a_unit_reaches_everyone_with_that_role_there_only()
    {
        var processor = Processor(out _, out _);
        var message = NotificationTestData.Message(
            Templates.IntakeChecksFailed,
            NotificationTo.RoleIn(Role.Editor, "unit-yjs"),
            Key("intake")
        );

        var outcome = await processor.ProcessAsync(message, CancellationToken.None);

        Assert.Equal(["li.editor@example.org", "wang.editor@example.org"], outcome.Sent.Order());
        var requests = fx.SendGrid.For(message.IdempotencyKey);
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests, r => r.Body.Contains("李编辑同志"));
        Assert.Contains(requests, r => r.Body.Contains("王编辑同志"));
    }

    [Fact]
    public async Task Opting_out_stops_optional_notices_but_never_mandatory_ones()
    {
        var processor = Processor(out var log, out var prefs);
        await prefs.SetOptedOutAsync(
            "p-zhang",
            [Templates.Adopted, Templates.ReturnedForRevision],
            _time.GetUtcNow(),
            CancellationToken.None
        );

        var optional = NotificationTestData.Message(
            Templates.Adopted,
            NotificationTo.Person("p-zhang"),
            Key("adopted")
        );
        var mandatory = NotificationTestData.Message(
            Templates.ReturnedForRevision,
            NotificationTo.Person("p-zhang"),
            Key("returned")
        );
        var o1 = await processor.ProcessAsync(optional, CancellationToken.None);
        var o2 = await processor.ProcessAsync(mandatory, CancellationToken.None);

        Assert.Equal(["zhangsan@example.org"], o1.OptedOut);
        Assert.Empty(fx.SendGrid.For(optional.IdempotencyKey));
        Assert.Equal(
            DeliveryStatus.OptedOut,
            (await log.FindAsync("zhangsan@example.org", optional.IdempotencyKey, CancellationToken.None))!.Status
        );
        Assert.Equal(["zhangsan@example.org"], o2.Sent);
        Assert.Single(fx.SendGrid.For(mandatory.IdempotencyKey));
        await prefs.SetOptedOutAsync("p-zhang", [], _time.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_send_is_logged_with_its_reason_and_the_last_queue_try_says_poison()
    {
        var processor = Processor(out var log, out _, change: o => o.MaxDequeueCount = 2);
        var message = NotificationTestData.Message(
            Templates.TopicOverdue,
            NotificationTo.Address("broken.server@example.org"),
            Key("overdue")
        );
        fx.SendGrid.Rules.Add(r =>
            r.Body.Contains("broken.server@example.org")
                ? new FakeSendGridServer.Scripted(500, Body: "upstream down")
                : null
        );

        var first = await Assert.ThrowsAsync<EmailSendFailedException>(() =>
            processor.ProcessAsync(message, CancellationToken.None)
        );
        var entry = await log.FindAsync("broken.server@example.org", message.IdempotencyKey, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Retrying, entry!.Status);
        Assert.Contains("HTTP 500", entry.LastError);

        await Assert.ThrowsAsync<EmailSendFailedException>(() =>
            processor.ProcessAsync(message, CancellationToken.None)
        );
        entry = await log.FindAsync("broken.server@example.org", message.IdempotencyKey, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Failed, entry!.Status);
        Assert.Equal(2, entry.Attempts);
        Assert.Contains("notifications-poison", entry.LastError);
        Assert.Equal(6, fx.SendGrid.For(message.IdempotencyKey).Count);
        Assert.Contains("HTTP 500", first.Message);
    }

    [Fact]
    public async Task A_rejected_address_is_logged_and_not_retried()
    {
        var processor = Processor(out var log, out _);
        var message = NotificationTestData.Message(
            Templates.Receipt,
            NotificationTo.Address("rejected.box@example.org"),
            Key("receipt")
        );
        fx.SendGrid.Rules.Add(r =>
            r.Body.Contains("rejected.box@example.org")
                ? new FakeSendGridServer.Scripted(400, Body: "invalid address")
                : null
        );

        var outcome = await processor.ProcessAsync(message, CancellationToken.None);

        Assert.Equal(["rejected.box@example.org"], outcome.Rejected);
        var entry = await log.FindAsync("rejected.box@example.org", message.IdempotencyKey, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Rejected, entry!.Status);
        Assert.Contains("invalid address", entry.LastError);
    }

    [Fact]
    public async Task A_claim_held_by_a_live_worker_is_left_alone_and_rechecked_later_while_a_stale_one_is_taken_over()
    {
        var processor = Processor(out var log, out _);
        var message = NotificationTestData.Message(
            Templates.TopicReminder,
            NotificationTo.Address("claimed@example.org"),
            Key("reminder")
        );
        var target = new DeliveryLog.Target(
            "claimed@example.org",
            message.IdempotencyKey,
            message.Template,
            null,
            "claimed"
        );
        // Another worker claimed it a minute ago and is still sending.
        await log.ClaimAsync(
            target,
            _time.GetUtcNow().AddMinutes(-1),
            TimeSpan.FromMinutes(15),
            CancellationToken.None
        );
        var queue = fx.Queues.GetQueueClient(StorageNames.Queues.Notifications);
        var before = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        var held = await processor.ProcessAsync(message, CancellationToken.None);

        Assert.Equal(["claimed@example.org"], held.Skipped);
        Assert.Empty(fx.SendGrid.For(message.IdempotencyKey));
        Assert.Equal(before + 1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // That worker crashed: once the claim is stale, the copy sends it.
        _time.Now = _time.Now.AddMinutes(20);
        var taken = await processor.ProcessAsync(message, CancellationToken.None);
        Assert.Equal(["claimed@example.org"], taken.Sent);
        Assert.Single(fx.SendGrid.For(message.IdempotencyKey));
        Assert.Equal(
            2,
            (await log.FindAsync("claimed@example.org", message.IdempotencyKey, CancellationToken.None))!.Attempts
        );
    }

    [Fact]
    public async Task A_slow_send_renews_its_claim_so_a_redelivery_meanwhile_does_not_send_it_again()
    {
        var slow = new GatedSender();
        var processor = Processor(out var log, out _, sender: slow, change: o => o.ClaimSeconds = 1);
        var message = NotificationTestData.Message(
            Templates.Receipt,
            NotificationTo.Address("slow@example.org"),
            Key("receipt")
        );

        var first = processor.ProcessAsync(message, CancellationToken.None);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Well past the claim's second; the worker renews it (every third of a second) while the provider has the mail.
        _time.Now = _time.Now.AddSeconds(5);
        var target = await log.FindAsync("slow@example.org", message.IdempotencyKey, CancellationToken.None);
        await Eventually.HoldsAsync(
            async () =>
                (
                    target = await log.FindAsync("slow@example.org", message.IdempotencyKey, CancellationToken.None)
                )!.ClaimedAt == _time.Now,
            "the claim renewed"
        );

        var redelivered = await processor.ProcessAsync(message, CancellationToken.None);
        Assert.Equal(["slow@example.org"], redelivered.Skipped);
        slow.Release.SetResult();
        Assert.Equal(["slow@example.org"], (await first).Sent);
        Assert.Equal(1, slow.Sends);
    }

    [Fact]
    public async Task A_crashed_send_the_provider_reported_processed_is_not_sent_again()
    {
        var processor = Processor(out var log, out _);
        var message = NotificationTestData.Message(
            Templates.Receipt,
            NotificationTo.Address("crashed@example.org"),
            Key("receipt")
        );
        var target = new DeliveryLog.Target(
            "crashed@example.org",
            message.IdempotencyKey,
            message.Template,
            null,
            "crashed"
        );
        // A worker claimed it, the provider accepted the mail, the worker died before marking it sent…
        await log.ClaimAsync(target, _time.GetUtcNow(), TimeSpan.FromSeconds(120), CancellationToken.None);
        // …and the provider's "processed" event reached the log.
        await log.ApplyEventAsync(
            "crashed@example.org",
            DeliveryKeys.Hash(message.IdempotencyKey),
            DeliveryStatus.Sent,
            "processed",
            null,
            _time.GetUtcNow(),
            _time.GetUtcNow(),
            CancellationToken.None
        );

        _time.Now = _time.Now.AddMinutes(5); // the claim is stale: without the event it would be taken over
        var retried = await processor.ProcessAsync(message, CancellationToken.None);

        Assert.Equal(["crashed@example.org"], retried.Skipped);
        Assert.Empty(fx.SendGrid.For(message.IdempotencyKey));
    }

    /// <summary>A provider that holds each mail until the test lets it go.</summary>
    private sealed class GatedSender : IEmailSender
    {
        private int _sends;
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Sends => _sends;
        public string Name => "gated";

        public async Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct)
        {
            Interlocked.Increment(ref _sends);
            Started.TrySetResult();
            await Release.Task.WaitAsync(ct);
            return new SendReceipt(Name, Guid.NewGuid().ToString("N"));
        }
    }

    [Fact]
    public async Task The_outbox_writes_a_real_eml_with_a_Chinese_subject_and_the_loop_headers()
    {
        var outbox = new Outbox(fx.Blobs, _time);
        var processor = Processor(out var log, out _, sender: outbox);
        var message = NotificationTestData.Message(
            Templates.Receipt,
            NotificationTo.Address("张三 <zhangsan@example.org>"),
            Key("receipt")
        );

        await processor.ProcessAsync(message, CancellationToken.None);

        var entry = await log.FindAsync("zhangsan@example.org", message.IdempotencyKey, CancellationToken.None);
        Assert.Equal("outbox", entry!.Sender);
        var eml = await outbox.GetEmlAsync(entry.ProviderMessageId!, CancellationToken.None);
        var raw = System.Text.Encoding.ASCII.GetString(eml!);
        Assert.Matches(@"(?m)^Subject: =\?utf-8\?", raw);
        var mime = MimeKit.MimeMessage.Load(new MemoryStream(eml!));
        Assert.Equal(
            "【收稿回执】《埇桥区人大常委会开展农村人居环境整治专题调研》已收到，编号 XX-2025-0137",
            mime.Subject
        );
        Assert.Equal("张三", ((MimeKit.MailboxAddress)mime.To[0]).Name);
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        Assert.Equal("All", mime.Headers["X-Auto-Response-Suppress"]);
        Assert.Equal(message.IdempotencyKey, mime.Headers["X-InfoFunctions-Key"]);
        Assert.Contains("张三同志：", mime.TextBody);
        Assert.Contains("<strong>XX-2025-0137</strong>", mime.HtmlBody);
        var json = await outbox.GetAsync(entry.ProviderMessageId!, CancellationToken.None);
        Assert.Equal(mime.Subject, json!.Subject);
        Assert.Contains(await outbox.ListAsync(100, CancellationToken.None), s => s.Id == entry.ProviderMessageId);
    }
}
