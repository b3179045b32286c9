using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using InfoFunctions.Platform;

namespace InfoFunctions.Tests.Infrastructure;

/// <summary>What the probe functions saw, per app instance.</summary>
public sealed class TestProbes
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();
    public ConcurrentQueue<string> Completed { get; } = new();
    public ConcurrentQueue<(bool IsPastDue, DateTime Last)> TimerRuns { get; } = new();
    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A clock the test sets; everything else about time stays real.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after a generous limit.
    /// </summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Not reached within {seconds}s: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="seconds"/> pass; the last read.</summary>
    public static async Task<T> SettlesAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(1000);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 60) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);
}

public static class HttpExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Json.Options);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, Json.Options);
}
