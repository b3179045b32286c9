using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using InfoFunctions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.LocalHost;

/// <summary>
/// Calls a function method as the worker does: a new instance of its class per invocation,
/// built from a DI scope, with the trigger payload and a cancellation token bound to parameters.
/// </summary>
public static class Invoker
{
    /// <summary>Binds one parameter; returns false when the binder does not know it.</summary>
    public delegate bool Binder(ParameterInfo parameter, out object? value);

    public static async Task<object?> InvokeAsync(
        IServiceProvider root, FunctionDescriptor fn, Binder bind, CancellationToken ct, string? invocationId = null)
    {
        // As the host does: the invocation's lines under Function.<name>, everything inside its scope.
        var id = invocationId ?? Guid.NewGuid().ToString();
        var log = root.GetRequiredService<ILoggerFactory>().CreateLogger(InvocationLog.Category(fn.Name));
        using var logScope = InvocationLog.Begin(log, fn.Name, id);
        log.LogInformation(
            "Executing 'Functions.{FunctionName}' (Reason='{Trigger}', Id={InvocationId})", fn.Name, fn.Trigger, id);
        var started = Stopwatch.GetTimestamp();
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var result = await RunAsync(root, fn, bind, ct);
            log.LogInformation(Executed, fn.Name, "Succeeded", id, Elapsed());
            return result;
        }
        catch (Exception ex)
        {
            log.LogError(ex, Executed, fn.Name, "Failed", id, Elapsed());
            throw;
        }
    }

    private const string Executed =
        "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={Duration}ms)";

    private static async Task<object?> RunAsync(IServiceProvider root, FunctionDescriptor fn, Binder bind,
        CancellationToken ct)
    {
        await using var scope = root.CreateAsyncScope();
        var method = fn.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider,
            method.DeclaringType!);
        var args = method.GetParameters().Select(p =>
            p.ParameterType == typeof(CancellationToken) ? ct
            : bind(p, out var value) ? value
            : throw new InvalidOperationException($"函数 {fn.Name} 的参数 {p.Name}（{p.ParameterType.Name}）无法绑定。")).ToArray();
        try
        {
            var result = method.Invoke(instance, args);
            return result switch
            {
                Task task => await Unwrap(task),
                ValueTask vt => await Unwrap(vt.AsTask()),
                _ => result,
            };
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            if (instance is IAsyncDisposable ad) await ad.DisposeAsync();
            else if (instance is IDisposable d) d.Dispose();
        }
    }

    private static async Task<object?> Unwrap(Task task)
    {
        await task;
        var type = task.GetType();
        return type.IsGenericType && type.GetProperty("Result") is { } r && r.PropertyType.Name != "VoidTaskResult"
            ? r.GetValue(task) : null;
    }

    /// <summary>Converts a route value to the parameter's type (string, int, Guid, …).</summary>
    public static object? ConvertRouteValue(object? value, Type type)
    {
        if (value is null || type.IsInstanceOfType(value)) return value;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value.ToString()!);
    }

    public static bool IsHttpRequest(Type t) => t == typeof(HttpRequest);
}
