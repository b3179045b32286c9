namespace InfoFunctions.Platform;

/// <summary>The outbox's dispatcher: sends what a crash left pending (see <see cref="OutboxSweeper"/>).</summary>
public sealed class OutboxSweepFunction(OutboxSweeper sweeper)
{
    [Function("OutboxSweep")]
    public Task Run([TimerTrigger("%Outbox__SweepSchedule%")] TimerInfo timer, CancellationToken ct) =>
        sweeper.SweepAsync(ct);
}
