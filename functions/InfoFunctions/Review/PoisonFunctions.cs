using Azure.Storage.Queues;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Review;

public sealed record PoisonMessage(string MessageId, long DequeueCount, DateTimeOffset? InsertedOn, string Text);
public sealed record PoisonQueue(string Queue, int Count, IReadOnlyList<PoisonMessage> Messages);
public sealed record RequeueResult(string Queue, int Requeued);

/// <summary>
/// Messages the host gave up on (<c>&lt;queue&gt;-poison</c> after five tries): listed for admins and
/// moved back to their queue once the cause is fixed. The handlers are idempotent, so a replay is safe.
/// </summary>
public sealed class PoisonFunctions(Authenticator auth, QueueServiceClient queues)
{
    private const int Peek = 32;

    [Function("ListPoisonMessages"), Allow(Role.Admin)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/poison")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        var ct = req.HttpContext.RequestAborted;
        var result = new List<PoisonQueue>();
        foreach (var name in StorageNames.All(typeof(StorageNames.Queues)))
        {
            var q = queues.GetQueueClient(name + "-poison");
            if (!(await q.ExistsAsync(ct)).Value) { result.Add(new(name, 0, [])); continue; }
            var count = (await q.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
            var peeked = (await q.PeekMessagesAsync(Peek, ct)).Value;
            result.Add(new(name, count, peeked.Select(m => new PoisonMessage(m.MessageId, m.DequeueCount, m.InsertedOn, m.Body.ToString())).ToList()));
        }
        return Api.Ok(result);
    }

    /// <summary>Moves every poison message of <paramref name="queue"/> back, or only <c>?messageId=</c>.</summary>
    [Function("RequeuePoisonMessages"), Allow(Role.Admin)]
    public async Task<IActionResult> Requeue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/poison/{queue}/requeue")] HttpRequest req, string queue)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!StorageNames.All(typeof(StorageNames.Queues)).Contains(queue)) return Api.NotFound($"队列“{queue}”");
        var only = req.Query["messageId"].ToString();
        var ct = req.HttpContext.RequestAborted;
        var poison = queues.GetQueueClient(queue + "-poison");
        var target = queues.GetQueueClient(queue);
        if (!(await poison.ExistsAsync(ct)).Value) return Api.Ok(new RequeueResult(queue, 0));
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
                    await poison.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
                    continue;
                }
                // Body is already the producer's text (the client decodes base64); send it back as it was.
                await target.SendMessageAsync(m.Body.ToString(), ct);
                await poison.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                moved++;
            }
            if (only.Length > 0 && moved > 0) break;
        }
        if (only.Length > 0 && moved == 0) return Api.NotFound($"消息 {only}");
        return Api.Ok(new RequeueResult(queue, moved));
    }
}
