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
/// On shutdown, messages still held are made visible again so none is lost.
/// </summary>
public sealed class QueueListener(
    FunctionDescriptor fn, QueueServiceClient queues, QueueSettings settings, IConfiguration config,
    IServiceProvider services, ILogger<QueueListener> log) : BackgroundService
{
    /// <summary>How long a received message stays invisible while its function runs (the host renews; we lease long).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public string QueueName { get; } = Settings.Resolve(fn.QueueName!, config);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var queue = queues.GetQueueClient(QueueName);
        var poison = queues.GetQueueClient(QueueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stopping);

        var inFlight = new HashSet<Task>();
        int InFlight() { lock (inFlight) return inFlight.Count; }
        var delay = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            // Like the host: fetch a new batch only when in-flight work drops to newBatchThreshold.
            if (InFlight() > settings.NewBatchThreshold)
            {
                try { await Task.Delay(settings.MinPollingInterval, stopping); }
                catch (OperationCanceledException) { break; }
                continue;
            }

            QueueMessage[] batch = [];
            try { batch = (await queue.ReceiveMessagesAsync(Math.Min(settings.BatchSize, 32), Lease, stopping)).Value; }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogWarning(ex, "Polling {Queue} failed; backing off", QueueName); }

            foreach (var m in batch)
            {
                var t = ProcessAsync(queue, poison, m, stopping);
                lock (inFlight) inFlight.Add(t);
                _ = t.ContinueWith(done => { lock (inFlight) inFlight.Remove(done); }, TaskScheduler.Default);
            }

            // Back off only after a poll that found nothing.
            if (batch.Length > 0) { delay = TimeSpan.Zero; continue; }
            delay = delay == TimeSpan.Zero ? settings.MinPollingInterval
                : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
            try { await Task.Delay(delay, stopping); }
            catch (OperationCanceledException) { break; }
        }

        Task[] pending;
        lock (inFlight) pending = inFlight.ToArray();
        await Task.WhenAll(pending);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stopping)
    {
        try
        {
            await Invoker.InvokeAsync(services, fn, (ParameterInfo p, out object? value) => Bind(p, message, out value), stopping);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex) when (stopping.IsCancellationRequested)
        {
            // Shutting down: give the message back at once, without counting it as a failure we judged.
            log.LogInformation(ex, "{Function}: shutdown during message {Id}; it becomes visible again", fn.Name, message.MessageId);
            await TryReleaseAsync(queue, message);
        }
        catch (Exception ex)
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                log.LogError(ex, "{Function}: message {Id} failed {Count} times; moving to {Poison}", fn.Name, message.MessageId, message.DequeueCount, poison.Name);
                await poison.CreateIfNotExistsAsync();
                await poison.SendMessageAsync(message.Body);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else
            {
                log.LogWarning(ex, "{Function}: message {Id} failed (attempt {Count} of {Max}); it will be retried", fn.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
                await TryReleaseAsync(queue, message, settings.VisibilityTimeout);
            }
        }
    }

    private async Task TryReleaseAsync(QueueClient queue, QueueMessage message, TimeSpan? after = null)
    {
        try { await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: after ?? TimeSpan.Zero); }
        catch (Exception ex) { log.LogWarning(ex, "Could not release message {Id}; it reappears after its lease", message.MessageId); }
    }

    private static bool Bind(ParameterInfo p, QueueMessage message, out object? value)
    {
        var t = p.ParameterType;
        value = t == typeof(string) ? message.Body.ToString()
            : t == typeof(BinaryData) ? message.Body
            : t == typeof(byte[]) ? message.Body.ToArray()
            : t == typeof(QueueMessage) ? message
            : JsonSerializer.Deserialize(message.Body.ToString(), t, InfoFunctions.Platform.Json.Options);
        return true;
    }
}
