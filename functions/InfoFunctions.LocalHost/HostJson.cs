using System.Text.Json;

namespace InfoFunctions.LocalHost;

/// <summary>The parts of host.json LocalHost honours.</summary>
public sealed record HostJson(string RoutePrefix, QueueSettings Queues)
{
    public static HostJson Load(string path)
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }
        );
        var ext = doc.RootElement.TryGetProperty("extensions", out var e) ? e : default;
        string? Get(string section, string key) =>
            ext.ValueKind == JsonValueKind.Object
            && ext.TryGetProperty(section, out var s)
            && s.TryGetProperty(key, out var v)
                ? v.ValueKind == JsonValueKind.String
                    ? v.GetString()
                    : v.GetRawText()
                : null;
        var q = new QueueSettings();
        return new HostJson(
            Get("http", "routePrefix") ?? "api",
            new QueueSettings
            {
                BatchSize = int.TryParse(Get("queues", "batchSize"), out var b) ? b : q.BatchSize,
                NewBatchThreshold = int.TryParse(Get("queues", "newBatchThreshold"), out var n)
                    ? n
                    : q.NewBatchThreshold,
                MaxDequeueCount = int.TryParse(Get("queues", "maxDequeueCount"), out var m) ? m : q.MaxDequeueCount,
                VisibilityTimeout = TimeSpan.TryParse(Get("queues", "visibilityTimeout"), out var vt)
                    ? vt
                    : q.VisibilityTimeout,
                MaxPollingInterval = TimeSpan.TryParse(Get("queues", "maxPollingInterval"), out var mp)
                    ? mp
                    : q.MaxPollingInterval,
                MessageEncoding = Get("queues", "messageEncoding") ?? q.MessageEncoding,
            }
        );
    }
}

/// <summary>host.json extensions.queues, with the host's defaults.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;
    public int NewBatchThreshold { get; init; } = 8;
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public string MessageEncoding { get; init; } = "base64";

    /// <summary>First polling delay after an empty queue; the host doubles it up to the maximum.</summary>
    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
