namespace InfoFunctions.Notifications;

/// <summary>Waits between retries. A seam so tests can record the waits instead of sleeping.</summary>
public class RetryPause(TimeProvider time)
{
    public virtual Task WaitAsync(TimeSpan delay, CancellationToken ct) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, ct);

    /// <summary>The wait after the <paramref name="faults"/>-th transient failure: the base delay, doubling.</summary>
    public static TimeSpan BackOff(int faults, NotificationOptions options) =>
        TimeSpan.FromMilliseconds(options.RetryBaseDelayMs * Math.Pow(2, faults - 1));

    /// <summary>
    /// After the <paramref name="faults"/>-th transient failure of one delivery: wait the base delay,
    /// doubling each time, or throw once <see cref="NotificationOptions.SendAttempts"/> are used up so the
    /// queue retries the message later.
    /// </summary>
    public async Task BackOffOrThrowAsync(
        int faults, NotificationOptions options, string error, Exception? inner, ILogger log, CancellationToken ct)
    {
        if (faults >= options.SendAttempts)
            throw new EmailSendFailedException($"{error}（本次已尝试 {faults} 次）", inner);
        var delay = BackOff(faults, options);
        log.LogWarning("发送失败：{Error}；{Delay} 后重试。", error, delay);
        await WaitAsync(delay, ct);
    }
}
