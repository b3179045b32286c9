using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.LocalHost;

/// <summary>
/// Calls a function method as the worker does: a new instance of its class per invocation,
/// built from a DI scope, with the trigger payload and a cancellation token bound to parameters.
/// </summary>
public static class Invoker
{
    /// <summary>Binds one parameter; returns false when the binder does not know it.</summary>
    public delegate bool Binder(ParameterInfo parameter, out object? value);

    public static async Task<object?> InvokeAsync(IServiceProvider root, FunctionDescriptor fn, Binder bind, CancellationToken ct)
    {
        await using var scope = root.CreateAsyncScope();
        var method = fn.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, method.DeclaringType!);
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
        return type.IsGenericType && type.GetProperty("Result") is { } r && r.PropertyType.Name != "VoidTaskResult" ? r.GetValue(task) : null;
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
