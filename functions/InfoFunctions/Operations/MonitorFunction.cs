namespace InfoFunctions.Operations;

public sealed class MonitorFunction(OpsMonitor monitor)
{
    [Function("OpsMonitor")]
    public Task Run([TimerTrigger("%Operations__MonitorSchedule%")] TimerInfo timer, CancellationToken ct) =>
        monitor.RunAsync(ct);
}
