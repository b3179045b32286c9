using Microsoft.Azure.Functions.Worker.Middleware;

namespace InfoFunctions.Hosting;

/// <summary>
/// The real host's invocations run inside <see cref="InvocationLog"/>'s scope (LocalHost's Invoker does the same).
/// </summary>
public sealed class InvocationScopeMiddleware(ILoggerFactory loggers) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var name = context.FunctionDefinition.Name;
        using (InvocationLog.Begin(loggers.CreateLogger(InvocationLog.Category(name)), name, context.InvocationId))
            await next(context);
    }
}
