using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace InfoFunctions.Hosting;

/// <summary>
/// The real host's door into <see cref="HttpGate"/>: HTTP invocations pass through it; others go straight on.
/// </summary>
public sealed class HttpGateMiddleware(HttpGate gate) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo> Methods = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        var method = Methods.GetOrAdd(context.FunctionDefinition.EntryPoint, EntryPoint);
        var result = await gate.InvokeAsync(
            http,
            method,
            context.InvocationId,
            async () =>
            {
                await next(context);
                return context.GetInvocationResult().Value;
            }
        );
        context.GetInvocationResult().Value = result;
    }

    /// <summary>The method behind a <c>functions.metadata</c> entry point (<c>Namespace.Class.Method</c>).</summary>
    public static MethodInfo EntryPoint(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        var type = typeof(HttpGate).Assembly.GetType(entryPoint[..dot], throwOnError: true)!;
        return type.GetMethod(
                entryPoint[(dot + 1)..],
                BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static
            ) ?? throw new InvalidOperationException($"找不到函数入口 {entryPoint}。");
    }
}
