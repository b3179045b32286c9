using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.LocalHost;

/// <summary>
/// Polls one queue as the host's queue listener does: batches of <c>batchSize</c>, a new batch
/// when in-flight work drops to <c>newBatchThreshold</c>, exponential back-off to
/// <c>maxPollingInterval</c> while empty, retry by making a failed message visible again after
/// <c>visibilityTimeout</c>, and <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c> attempts.
/// Messages are read undecoded and decoded one by one, so a message that is not valid base64 goes
/// to poison alone (as the Storage Queues extension does) instead of failing every read of its queue.
/// On shutdown, every message still held is made visible again so none waits out its lease.
/// </summary>
public sealed class QueueListener(
    FunctionDescriptor fn,
    RawQueues raw,
    QueueSettings settings,
    IConfiguration config,
    IServiceProvider services,
    ILogger<QueueListener> log
) : BackgroundService
{
    /// <summary>
    /// How long a received message stays invisible; renewed while its function runs, so after a crash
    /// (nothing left to release it) the message is back within one lease (<c>LocalHost__MessageLeaseSeconds</c>).
    /// </summary>
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(config.GetValue("LocalHost:MessageLeaseSeconds", 60));

    /// <summary>How long shutdown waits for running functions before giving their messages back.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    /// <summary>Messages received and not yet deleted or released: id → pop receipt.</summary>
    private readonly ConcurrentDictionary<string, string> _held = new();

    public string QueueName { get; } = Settings.Resolve(fn.QueueName!, config);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var queue = raw.Client.GetQueueClient(QueueName);
        var poison = raw.Client.GetQueueClient(QueueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stopping);

        var inFlight = new HashSet<Task>();
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        var delay = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            // Like the host: fetch a new batch as soon as in-flight work drops to newBatchThreshold (it waits for
            // any function to finish, not for a polling interval).
            Task[] running;
            lock (inFlight)
                running = inFlight.Count > settings.NewBatchThreshold ? [.. inFlight] : [];
            if (running.Length > 0)
            {
                var finished = Task.WhenAny(running);
                await Task.WhenAny(finished, stopped);
                if (finished.IsCompleted)
                    lock (inFlight)
                        inFlight.Remove(finished.Result);
                continue;
            }

            // A receive is not cut short by shutdown: once the service has handed out a batch, an abandoned
            // answer would leave it hidden for a whole lease. Storage waits are bounded; a batch that arrives
            // after Ctrl-C is given back below with everything else still held.
            QueueMessage[] batch = [];
            try
            {
                batch = (
                    await queue.ReceiveMessagesAsync(Math.Min(settings.BatchSize, 32), _lease, CancellationToken.None)
                ).Value;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Polling {Queue} failed; backing off", QueueName);
            }
            if (stopping.IsCancellationRequested)
            {
                foreach (var m in batch)
                    _held[m.MessageId] = m.PopReceipt;
                break;
            }

            foreach (var m in batch)
            {
                _held[m.MessageId] = m.PopReceipt;
                var t = ProcessAsync(queue, poison, m, stopping);
                lock (inFlight)
                    inFlight.Add(t);
                _ = t.ContinueWith(
                    done =>
                    {
                        lock (inFlight)
                            inFlight.Remove(done);
                    },
                    TaskScheduler.Default
                );
            }

            // Back off only after a poll that found nothing.
            if (batch.Length > 0)
            {
                delay = TimeSpan.Zero;
                continue;
            }
            delay =
                delay == TimeSpan.Zero
                    ? settings.MinPollingInterval
                    : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Task[] pending;
        lock (inFlight)
            pending = inFlight.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(ShutdownGrace, CancellationToken.None));
        // A function that ignores cancellation still holds its message: give it back now rather than
        // leave it invisible for the rest of its lease. If the function finishes later, its delete
        // fails harmlessly and the message is delivered again (handlers are idempotent).
        foreach (var (id, receipt) in _held)
            await TryReleaseAsync(queue, id, receipt);
    }

    private async Task ProcessAsync(
        QueueClient queue,
        QueueClient poison,
        QueueMessage message,
        CancellationToken stopping
    )
    {
        if (Decode(message) is not { } body)
        {
            log.LogError(
                "{Function}: message {Id} is not valid {Encoding}; moving it to {Poison}",
                fn.Name,
                message.MessageId,
                settings.MessageEncoding,
                poison.Name
            );
            await MoveToPoisonAsync(queue, poison, message);
            return;
        }
        using var renewing = new CancellationTokenSource();
        var renewal = RenewAsync(queue, message.MessageId, renewing.Token);
        try
        {
            await Invoker.InvokeAsync(
                services,
                fn,
                (ParameterInfo p, out object? value) => Bind(p, message, body, out value),
                stopping
            );
            await StopRenewingAsync(renewing, renewal);
            await SettleAsync(
                message.MessageId,
                receipt => queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None)
            );
        }
        catch (Exception ex) when (stopping.IsCancellationRequested)
        {
            await StopRenewingAsync(renewing, renewal);
            // Shutting down: give the message back at once, without counting it as a failure we judged.
            log.LogInformation(
                ex,
                "{Function}: shutdown during message {Id}; it becomes visible again",
                fn.Name,
                message.MessageId
            );
            await SettleAsync(message.MessageId, receipt => TryReleaseAsync(queue, message.MessageId, receipt));
        }
        catch (Exception ex)
        {
            await StopRenewingAsync(renewing, renewal);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                log.LogError(
                    ex,
                    "{Function}: message {Id} failed {Count} times; moving to {Poison}",
                    fn.Name,
                    message.MessageId,
                    message.DequeueCount,
                    poison.Name
                );
                await MoveToPoisonAsync(queue, poison, message);
            }
            else
            {
                log.LogWarning(
                    ex,
                    "{Function}: message {Id} failed (attempt {Count} of {Max}); it will be retried",
                    fn.Name,
                    message.MessageId,
                    message.DequeueCount,
                    settings.MaxDequeueCount
                );
                await SettleAsync(
                    message.MessageId,
                    receipt => TryReleaseAsync(queue, message.MessageId, receipt, settings.VisibilityTimeout)
                );
            }
        }
    }

    /// <summary>
    /// Deletes or releases a held message, and only then forgets it: until it is settled, shutdown still
    /// sees it and gives it back, so no message is left hidden whichever finishes first.
    /// </summary>
    private async Task SettleAsync(string id, Func<string, Task> settle)
    {
        if (!_held.TryGetValue(id, out var receipt))
            return;
        try
        {
            await settle(receipt);
        }
        finally
        {
            _held.TryRemove(id, out _);
        }
    }

    /// <summary>Keeps a running function's message invisible, one lease at a time.</summary>
    private async Task RenewAsync(QueueClient queue, string id, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_lease / 3, ct);
                if (!_held.TryGetValue(id, out var receipt))
                    return;
                var updated = await queue.UpdateMessageAsync(
                    id,
                    receipt,
                    visibilityTimeout: _lease,
                    cancellationToken: ct
                );
                _held.TryUpdate(id, updated.Value.PopReceipt, receipt);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not renew the lease of message {Id}", id);
        }
    }

    private static async Task StopRenewingAsync(CancellationTokenSource renewing, Task renewal)
    {
        await renewing.CancelAsync();
        await renewal;
    }

    /// <summary>The poison copy is the message exactly as it was sent, so a re-queue restores it.</summary>
    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message)
    {
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(message.Body);
        await SettleAsync(message.MessageId, receipt => queue.DeleteMessageAsync(message.MessageId, receipt));
    }

    private async Task TryReleaseAsync(QueueClient queue, string id, string receipt, TimeSpan? after = null)
    {
        try
        {
            await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: after ?? TimeSpan.Zero);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not release message {Id}; it reappears after its lease", id);
        }
    }

    /// <summary>
    /// The message's payload under host.json <c>messageEncoding</c>, or null when it cannot be decoded.
    /// </summary>
    private BinaryData? Decode(QueueMessage message)
    {
        if (!string.Equals(settings.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
            return message.Body;
        try
        {
            return BinaryData.FromBytes(Convert.FromBase64String(message.Body.ToString()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Bind(ParameterInfo p, QueueMessage message, BinaryData body, out object? value)
    {
        var t = p.ParameterType;
        value =
            t == typeof(string) ? body.ToString()
            : t == typeof(BinaryData) ? body
            : t == typeof(byte[]) ? body.ToArray()
            : t == typeof(QueueMessage)
                ? QueuesModelFactory.QueueMessage(
                    message.MessageId,
                    message.PopReceipt,
                    body,
                    message.DequeueCount,
                    message.NextVisibleOn,
                    message.InsertedOn,
                    message.ExpiresOn
                )
            : JsonSerializer.Deserialize(body.ToString(), t, InfoFunctions.Platform.Json.Options);
        return true;
    }
}
