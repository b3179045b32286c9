using System.Text.Json.Nodes;
using Azure.Storage.Queues;

namespace InfoFunctions.Notifications;

/// <summary>
/// Renders and sends one queue message to each of its recipients.
/// Exactly-once per (key, address) as far as storage allows: a claim row is written before sending, renewed while
/// the provider has the mail, and marked "sent" after, so a redelivered message finds "sent" and skips. The one gap
/// is a crash between the provider accepting the mail and the "sent" mark (one storage write): unless the
/// provider's "processed" event marks the row first, the claim goes stale after <c>ClaimSeconds</c> and the mail is
/// sent again (at-least-once — never lost). Every copy carries <c>X-InfoFunctions-Key</c> so such a duplicate can be
/// recognised.
/// </summary>
public sealed class NotificationProcessor(
    IEnumerable<IRecipientDirectory> directories, TemplateRenderer renderer, IEmailSender sender, DeliveryLog log,
    PreferenceStore preferences, QueueServiceClient queues, IOptions<NotificationOptions> options,
    TimeProvider time, ILogger<NotificationProcessor> logger)
{
    private readonly NotificationOptions _options = options.Value;

    // Plain addresses need no directory, so the worker runs even where none is registered.
    private IRecipientDirectory Directory => directories.LastOrDefault()
        ?? throw new InvalidOperationException("未注册人员名录（IRecipientDirectory），无法按人员或角色查找收件人。");

    public async Task<ProcessOutcome> ProcessAsync(NotificationMessage message, CancellationToken ct)
    {
        var errors = message.Validate();
        if (errors.Count > 0)
            // A producer bug: let it reach the poison queue where it can be seen and replayed once fixed.
            throw new InvalidOperationException("通知消息无效：" + string.Join(" ", errors));

        var template = Templates.Find(message.Template)!;
        var recipients = await ResolveAsync(message.To, ct);
        if (recipients.Count == 0)
            logger.LogWarning("通知 {Key}（{Template}）找不到收件人：{To}。", message.IdempotencyKey, message.Template,
                message.To.Describe);

        List<string> sent = [], skipped = [], optedOut = [], rejected = [], failures = [];
        DateTimeOffset? recheckAt = null;
        foreach (var r in recipients)
        {
            var target = new DeliveryLog.Target(r.Email, message.IdempotencyKey, message.Template, r.PersonId, r.Name);
            if (!template.Mandatory && r.PersonId is not null
                && (await preferences.GetOptedOutAsync(r.PersonId, ct)).Contains(template.Name))
            {
                await log.RecordOptOutAsync(target, time.GetUtcNow(), ct);
                optedOut.Add(r.Email);
                continue;
            }

            var claim = await log.ClaimAsync(target, time.GetUtcNow(), ClaimFor, ct);
            if (claim.Outcome != ClaimOutcome.Claimed)
            {
                if (claim.Outcome == ClaimOutcome.HeldElsewhere && (recheckAt is null || claim.HeldUntil > recheckAt))
                    recheckAt = claim.HeldUntil;
                skipped.Add(r.Email);
                continue;
            }

            try
            {
                var email = Compose(message, r);
                var receipt = await SendHoldingAsync(target, claim, email, ct);
                await log.MarkSentAsync(target, email.Subject, receipt, time.GetUtcNow(), ct);
                sent.Add(r.Email);
                logger.LogInformation("已发送通知 {Template} 给 {Email}（{Sender}，键 {Key}）。", message.Template, r.Email,
                    sender.Name, message.IdempotencyKey);
            }
            catch (EmailRejectedException ex)
            {
                await log.MarkFailedAsync(target, sender.Name, DeliveryStatus.Rejected, ex.Message, time.GetUtcNow(),
                    CancellationToken.None);
                rejected.Add(r.Email);
                logger.LogError("通知 {Template} 给 {Email} 被拒收：{Error}", message.Template, r.Email, ex.Message);
                OpsLog.Write(logger, "notice-failed", ("template", message.Template), ("status", "rejected"),
                    ("sender", sender.Name));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var last = claim.Attempts >= _options.MaxDequeueCount;
                var why = last
                    ? $"{ex.Message}（已尝试 {claim.Attempts} 次，达到队列最大重试次数，" +
                      $"消息转入 {StorageNames.Queues.Notifications}-poison 队列）"
                    : $"{ex.Message}（第 {claim.Attempts} 次尝试失败，队列将重试）";
                await log.MarkFailedAsync(target, sender.Name, last ? DeliveryStatus.Failed : DeliveryStatus.Retrying,
                    why, time.GetUtcNow(), CancellationToken.None);
                if (last)
                    OpsLog.Write(logger, "notice-failed", ("template", message.Template), ("status", "failed"),
                        ("sender", sender.Name));
                failures.Add($"{r.Email}: {why}");
            }
        }

        if (recheckAt is { } until)
            await RecheckLaterAsync(message, until, ct);
        if (failures.Count > 0)
            throw new EmailSendFailedException($"通知 {message.IdempotencyKey}（{message.Template}）发送失败："
                + string.Join("；", failures));
        return new ProcessOutcome(sent, skipped, optedOut, rejected);
    }

    private TimeSpan ClaimFor => TimeSpan.FromSeconds(_options.ClaimSeconds);

    /// <summary>Sends while renewing the claim, so a slow send (rate limits, retries) is not taken over.</summary>
    private async Task<SendReceipt> SendHoldingAsync(DeliveryLog.Target target, Claim claim, OutgoingEmail email,
        CancellationToken ct)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var holding = HoldAsync(target, claim.ETag, sending.Token);
        try { return await sender.SendAsync(email, ct); }
        finally
        {
            await sending.CancelAsync();
            await holding;
        }
    }

    private async Task HoldAsync(DeliveryLog.Target target, Azure.ETag? etag, CancellationToken ct)
    {
        try
        {
            while (etag is { } current)
            {
                await Task.Delay(ClaimFor / 3, ct);
                etag = await log.RenewAsync(target, current, time.GetUtcNow(), ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) { logger.LogWarning(ex, "通知 {Key} 的发送认领未能续期。", target.IdempotencyKey); }
    }

    /// <summary>
    /// Fills the template for one recipient; recipient name and platform links are supplied unless the data has them.
    /// </summary>
    public OutgoingEmail Compose(NotificationMessage message, Recipient recipient)
    {
        var data = (JsonObject)message.Data.DeepClone();
        data.TryAdd("recipientName", recipient.Name);
        data.TryAdd("platformName", _options.FromName);
        data.TryAdd("portalUrl", _options.PortalUrl);
        var rendered = renderer.Render(message.Template, data);
        return new OutgoingEmail(
            _options.FromEmail, _options.FromName, recipient.Email, recipient.Name,
            rendered.Subject, rendered.Text, rendered.Html,
            StandardHeaders.For(message.IdempotencyKey, message.Template),
            new Dictionary<string,
            string>
            { [StandardHeaders.KeyArg] = message.IdempotencyKey, ["template"] = message.Template },
            message.Template, message.IdempotencyKey,
            MessageId: NoticeIds.For(message.IdempotencyKey, recipient.Email,
                message.Data["reportId"]?.GetValueKind() == JsonValueKind.String
                    ? message.Data["reportId"]!.GetValue<string>() : null, _options.FromEmail));
    }

    private async Task<IReadOnlyList<Recipient>> ResolveAsync(NotificationTo to, CancellationToken ct)
    {
        IReadOnlyList<Recipient> found;
        if (to.PersonId is { } personId)
            found = await Directory.FindPersonAsync(personId, ct) is { } p ? [p] : [];
        else if (to.Email is { } email)
            found = [PlainAddress(email)];
        else
            found = await Directory.FindByRoleAsync(to.Role!, to.UnitId, ct);
        return found
            .Where(r => MailAddresses.IsValid(r.Email))
            .DistinctBy(r => MailAddresses.Normalize(r.Email))
            .ToList();
    }

    /// <summary>
    /// "张三 &lt;zhang@example.org&gt;" keeps its display name; a bare address is greeted by its mailbox name.
    /// </summary>
    private static Recipient PlainAddress(string email)
    {
        var m = MimeKit.MailboxAddress.Parse(email.Trim());
        return new Recipient(null, string.IsNullOrWhiteSpace(m.Name) ? m.LocalPart : m.Name, m.Address);
    }

    /// <summary>
    /// Another delivery of the same key holds the claim (or crashed holding it). Rather than drop the
    /// mail, put a copy back that becomes visible when the claim goes stale; by then it is either
    /// "sent" (the copy skips) or taken over and sent.
    /// </summary>
    private async Task RecheckLaterAsync(NotificationMessage message, DateTimeOffset until, CancellationToken ct)
    {
        var delay = until - time.GetUtcNow() + TimeSpan.FromSeconds(5);
        if (delay < TimeSpan.FromSeconds(1)) delay = TimeSpan.FromSeconds(1);
        await queues.GetQueueClient(StorageNames.Queues.Notifications)
            .SendMessageAsync(Json.Serialize(message), visibilityTimeout: delay, cancellationToken: ct);
        logger.LogInformation("通知 {Key} 正由另一次投递发送，{Delay} 后复查。", message.IdempotencyKey, delay);
    }
}
