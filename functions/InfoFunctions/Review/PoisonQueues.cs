using Azure.Storage.Queues;

namespace InfoFunctions.Review;

/// <summary>
/// Messages the host gave up on (<c>&lt;queue&gt;-poison</c> after five tries): listed, and moved back to their
/// queue once the cause is fixed. The handlers are idempotent, so a replay is safe.
/// </summary>
public sealed class PoisonQueues(QueueServiceClient queues)
{
    private const int Peek = 32;

    public async Task<IReadOnlyList<PoisonQueue>> ListAsync(CancellationToken ct)
    {
        var result = new List<PoisonQueue>();
        foreach (var name in StorageNames.All(typeof(StorageNames.Queues)))
        {
            var q = queues.GetQueueClient(name + "-poison");
            if (!(await q.ExistsAsync(ct)).Value) { result.Add(new(name, 0, [])); continue; }
            var count = (await q.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
            var peeked = (await q.PeekMessagesAsync(Peek, ct)).Value;
            result.Add(new(name, count, peeked.Select(m => new PoisonMessage(m.MessageId, m.DequeueCount, m.InsertedOn,
                m.Body.ToString())).ToList()));
        }
        return result;
    }

    /// <summary>
    /// Moves every poison message of <paramref name="queue"/> back, or only <paramref name="messageId"/>.
    /// </summary>
    public async Task<Result<RequeueResult>> RequeueAsync(string queue, string? messageId, CancellationToken ct)
    {
        if (!StorageNames.All(typeof(StorageNames.Queues)).Contains(queue)) return Problem.NotFound($"队列“{queue}”");
        var only = messageId ?? "";
        var poison = queues.GetQueueClient(queue + "-poison");
        var target = queues.GetQueueClient(queue);
        if (!(await poison.ExistsAsync(ct)).Value) return new RequeueResult(queue, 0);
        var moved = 0;
        var seen = new HashSet<string>();
        while (true)
        {
            var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct)).Value;
            if (batch.Length == 0 || batch.All(m => !seen.Add(m.MessageId))) break;
            foreach (var m in batch)
            {
                if (only.Length > 0 && m.MessageId != only)
                {
                    await poison.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero,
                        cancellationToken: ct);
                    continue;
                }
                // Body is already the producer's text (the client decodes base64); send it back as it was.
                await target.SendMessageAsync(m.Body.ToString(), ct);
                await poison.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                moved++;
            }
            if (only.Length > 0 && moved > 0) break;
        }
        if (only.Length > 0 && moved == 0) return Problem.NotFound($"消息 {only}");
        return new RequeueResult(queue, moved);
    }
}
