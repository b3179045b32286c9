using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Counts storage requests the app makes, by kind. Queue polling by the host's listeners
/// (GET/DELETE of messages) is background work, not intake, and is kept apart.
/// </summary>
public sealed class StorageCounter
{
    public ConcurrentDictionary<string, long> ByKind { get; } = new();
    private long _intake, _polling;
    public long Intake => Interlocked.Read(ref _intake);
    public long Polling => Interlocked.Read(ref _polling);

    public void Record(string service, Request request)
    {
        var path = request.Uri.Path;
        var method = request.Method.ToString();
        var isPoll = service == "queue" && path.EndsWith("/messages") && method is "GET" || service == "queue" && method == "DELETE";
        if (isPoll) { Interlocked.Increment(ref _polling); return; }
        Interlocked.Increment(ref _intake);
        var resource = path.Trim('/').Split('/', 3) is var parts && parts.Length > 1 ? parts[1] : path;
        resource = resource.Split('(')[0];
        ByKind.AddOrUpdate($"{service} {method} {resource}", 1, (_, n) => n + 1);
    }

    public void Reset()
    {
        ByKind.Clear();
        Interlocked.Exchange(ref _intake, 0);
        Interlocked.Exchange(ref _polling, 0);
    }
}

public sealed class CountingPolicy(StorageCounter counter, string service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(service, message.Request);
}
