using Azure.Storage.Queues;
using InfoFunctions.Notifications;

namespace InfoFunctions.Dispatch;

/// <summary>
/// The 约稿 reminder timer: one reminder inside the lead time, one overdue notice (and the missed-topic
/// penalty when the topic carries one) after the deadline. The sent time is stored with an ETag, and the
/// notices' idempotency keys and the ledger event id make a retry after a crash send nothing twice.
/// </summary>
public sealed class TopicReminders(
    TopicStore topics, TopicService service, NotificationQueue notifications, QueueServiceClient queues,
    IOptions<DispatchOptions> options, TimeProvider time)
{
    public const string PenaltyKind = "missedTopic";
    private readonly QueueClient _ledger = queues.GetQueueClient(StorageNames.Queues.Ledger);

    public async Task<(int Reminders, int Overdue)> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = BusinessTime.DayOf(now);
        var o = options.Value;
        var lead = TimeSpan.FromDays(o.ReminderDaysBefore);
        int reminders = 0, overdue = 0;
        foreach (var t in await topics.ListAsync(today.AddDays(-o.OverdueLookbackDays),
            today.AddDays(o.ReminderDaysBefore + 1), ct))
        {
            if (await topics.GetAsync(t.Id, ct) is not { } found) continue;
            foreach (var (a, etag) in found.Addressees)
            {
                var status = TopicRules.Status(t, a, await service.ReportsForAsync(t, a, ct), now);
                var (remind, late) = TopicRules.Due(t, a, status, now, lead);
                if (remind)
                {
                    var daysLeft = Math.Max(1, (int)Math.Ceiling((t.Deadline - now).TotalDays));
                    await NotifyAsync(t, a, "reminder", Templates.TopicReminder, new
                    {
                        topic = t.Title,
                        deadline = BusinessTime.ChineseDate(t.DeadlineDay),
                        daysLeft,
                        topicId = t.Id,
                    }, ct);
                    if (await topics.ReplaceAsync(t.Id, a with { ReminderSentAt = now }, etag, ct)) reminders++;
                }
                else if (late)
                {
                    var daysOverdue = Math.Max(1, (int)Math.Ceiling((now - t.Deadline).TotalDays));
                    await NotifyAsync(t, a, "overdue", Templates.TopicOverdue, new
                    {
                        topic = t.Title,
                        deadline = BusinessTime.ChineseDate(t.DeadlineDay),
                        daysOverdue,
                        topicId = t.Id,
                    }, ct);
                    if (t.PenalizeMiss) await PenalizeAsync(t, a, ct);
                    if (await topics.ReplaceAsync(t.Id, a with { OverdueSentAt = now }, etag, ct)) overdue++;
                }
            }
        }
        return (reminders, overdue);
    }

    private Task NotifyAsync(Topic t, TopicAddressee a, string what, string template, object data,
        CancellationToken ct) =>
        notifications.EnqueueAsync(NotificationMessage.Create($"topic:{t.Id}:{a.Key}:{what}", template, a.NotifyTo(),
            data), ct);

    private Task PenalizeAsync(Topic t, TopicAddressee a, CancellationToken ct) =>
        _ledger.SendMessageAsync(Json.Serialize(new LedgerMessage(
            $"topic:{t.Id}:{a.Key}:missed", LedgerEventKind.Penalty, "", "", a.UnitId,
            a.PersonId is { } p ? [new LedgerAuthor(p, a.Name, null)] : [], t.Deadline, "system:dispatch",
            PenaltyKind: PenaltyKind, Note: $"约稿“{t.Title}”逾期未完成")), ct);
}
