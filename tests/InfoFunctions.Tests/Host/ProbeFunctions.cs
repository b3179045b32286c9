using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.Tests.Host;

public sealed record ProbeMessage(string Id, int FailTimes);

/// <summary>Functions that exist only in tests, to prove LocalHost honours the host's semantics.</summary>
public sealed class ProbeFunctions(TestProbes probes)
{
    public const string FlakyQueue = "test-flaky";
    public const string SlowQueue = "test-slow";

    /// <summary>Fails the first <c>FailTimes</c> deliveries of a message, then succeeds.</summary>
    [Function("TestFlakyQueue")]
    public void Flaky([QueueTrigger(FlakyQueue)] ProbeMessage message)
    {
        var attempt = probes.Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        if (attempt <= message.FailTimes)
            throw new InvalidOperationException($"probe failure {attempt}");
        probes.Completed.Enqueue(message.Id);
    }

    /// <summary>Waits until cancelled, to observe shutdown with a message in flight.</summary>
    [Function("TestSlowQueue")]
    public async Task Slow([QueueTrigger(SlowQueue)] string message, CancellationToken ct)
    {
        probes.Attempts.AddOrUpdate(message, 1, (_, n) => n + 1);
        probes.SlowStarted.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
    }

    public const string DecodeQueue = "test-decode";

    /// <summary>Completes every message it is handed; its queue also receives one that cannot be decoded.</summary>
    [Function("TestDecodeQueue")]
    public void Decoded([QueueTrigger(DecodeQueue)] ProbeMessage message) => Flaky(message);

    public const string StubbornQueue = "test-stubborn";

    /// <summary>Ignores cancellation, as a function stuck in a call without a token would.</summary>
    [Function("TestStubbornQueue")]
    public async Task Stubborn([QueueTrigger(StubbornQueue)] string message)
    {
        probes.Attempts.AddOrUpdate(message, 1, (_, n) => n + 1);
        probes.SlowStarted.TrySetResult();
        await Task.Delay(TimeSpan.FromSeconds(40), CancellationToken.None);
    }

    [Function("TestTimer")]
    public void Timer([TimerTrigger("%TestTimerSchedule%")] TimerInfo timer) =>
        probes.TimerRuns.Enqueue((timer.IsPastDue, timer.ScheduleStatus?.Last ?? default));

    [Function("TestKeyed"), Public]
    public IActionResult Keyed(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/test/keyed/{name}")] HttpRequest req,
        string name
    ) => Api.Ok(new { name });

    /// <summary>A bug: what escapes a function must still answer problem+json.</summary>
    [Function("TestThrows"), Public]
    public IActionResult Throws(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/test/throws")] HttpRequest req
    ) => throw new InvalidOperationException("probe bug");

    /// <summary>Reads whatever body it is sent, as a function that streams an upload does.</summary>
    [Function("TestReadBody"), Public]
    public async Task<IActionResult> ReadBody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/test/body")] HttpRequest req
    )
    {
        var length = 0L;
        var buffer = new byte[81920];
        int read;
        while ((read = await req.Body.ReadAsync(buffer)) > 0)
            length += read;
        return Api.Ok(new { length });
    }

    /// <summary>Editors only: the gate answers before the function runs.</summary>
    [Function("TestEditorsOnly"), Allow(Role.Editor)]
    public IActionResult EditorsOnly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/test/editors")] HttpRequest req
    ) => Api.Ok(new { name = req.Principal().Name });
}
