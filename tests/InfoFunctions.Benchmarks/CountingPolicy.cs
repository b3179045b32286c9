using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfoFunctions.Benchmarks;

/// <summary>
/// Counts storage requests the app makes, by kind. The host's side of a queue trigger (receiving
/// and deleting messages) is kept apart: it is the same for every function, and not the function's work.
/// </summary>
public sealed class StorageCounter
{
    public ConcurrentDictionary<string, long> ByKind { get; } = new();
    private long _work,
        _polling;

    /// <summary>Requests other than the host's queue polling.</summary>
    public long Work => Interlocked.Read(ref _work);
    public long Polling => Interlocked.Read(ref _polling);

    public void Record(string service, Request request)
    {
        var path = request.Uri.Path;
        var method = request.Method.ToString();
        var isPoll =
            service == "queue" && path.EndsWith("/messages") && method is "GET"
            || service == "queue" && method == "DELETE";
        if (isPoll)
        {
            Interlocked.Increment(ref _polling);
            return;
        }
        Interlocked.Increment(ref _work);
        var resource = path.Trim('/').Split('/', 3) is var parts && parts.Length > 1 ? parts[1] : path;
        resource = resource.Split('(')[0];
        ByKind.AddOrUpdate($"{service} {method} {resource}", 1, (_, n) => n + 1);
    }

    public void Reset()
    {
        ByKind.Clear();
        Interlocked.Exchange(ref _work, 0);
        Interlocked.Exchange(ref _polling, 0);
    }
}

public sealed class CountingPolicy(StorageCounter counter, string service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(service, message.Request);
}
