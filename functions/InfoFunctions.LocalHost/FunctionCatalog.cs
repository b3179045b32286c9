using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace InfoFunctions.LocalHost;

public enum TriggerKind
{
    Http,
    Queue,
    Timer,
}

/// <summary>One function as the host sees it: what the Worker SDK writes to functions.metadata.</summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    TriggerKind Trigger,
    string? Route = null,
    IReadOnlyList<string>? HttpMethods = null,
    AuthorizationLevel AuthLevel = AuthorizationLevel.Anonymous,
    string? QueueName = null,
    string? Schedule = null,
    bool RunOnStartup = false
)
{
    /// <summary>The trigger's own text (route, queue or schedule) with %Setting% resolved.</summary>
    public string Describe(IConfiguration config, string baseUrl, string routePrefix) =>
        Trigger switch
        {
            TriggerKind.Http =>
                $"[{string.Join(",", HttpMethods!.Select(m => m.ToUpperInvariant()))}] "
                    + $"{baseUrl}/{(routePrefix.Length > 0 ? routePrefix + "/" : "")}{Route}",
            TriggerKind.Queue => $"queueTrigger (queue: {Settings.Resolve(QueueName!, config)})",
            _ =>
                $"timerTrigger (schedule: {Settings.Resolve(Schedule!, config)}"
                    + $"{(RunOnStartup ? ", runOnStartup" : "")})",
        };
}

/// <summary>Finds the [Function] methods of the app, the same way the Worker SDK's generator does.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(params Assembly[] assemblies)
    {
        var list = new List<FunctionDescriptor>();
        foreach (
            var method in assemblies
                .SelectMany(a => a.GetTypes())
                .Where(t => t.IsClass && !t.IsAbstract)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        )
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } fn)
                continue;
            list.Add(Describe(fn.Name, method));
        }
        var dup = list.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new InvalidOperationException($"函数名重复：{dup.Key}");
        return list.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        foreach (var p in method.GetParameters())
        {
            if (p.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
                return new(
                    name,
                    method,
                    TriggerKind.Http,
                    http.Route ?? name,
                    (http.Methods ?? ["get", "post"]).Select(m => m.ToLowerInvariant()).ToList(),
                    http.AuthLevel
                );
            if (p.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
                return new(name, method, TriggerKind.Queue, QueueName: queue.QueueName);
            if (p.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                return new(name, method, TriggerKind.Timer, Schedule: timer.Schedule, RunOnStartup: timer.RunOnStartup);
        }
        throw new InvalidOperationException($"函数 {name} 的触发器不受 LocalHost 支持（仅支持 HTTP、队列、定时器）。");
    }
}
