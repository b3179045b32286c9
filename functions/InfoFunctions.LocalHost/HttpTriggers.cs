using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using InfoFunctions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace InfoFunctions.LocalHost;

/// <summary>Maps HTTP functions to routes under the host's prefix and enforces function keys.</summary>
public static class HttpTriggers
{
    public const string KeyHeader = "x-functions-key";

    public static void Map(WebApplication app, IEnumerable<FunctionDescriptor> functions, string routePrefix,
        string functionKey)
    {
        foreach (var fn in functions.Where(f => f.Trigger == TriggerKind.Http))
        {
            app.MapMethods($"{routePrefix}/{fn.Route}".TrimStart('/'),
                fn.HttpMethods!.Select(m => m.ToUpperInvariant()),
                ctx => HandleAsync(ctx, fn, functionKey)).WithName(fn.Name);
        }
    }

    private static async Task HandleAsync(HttpContext ctx, FunctionDescriptor fn, string functionKey)
    {
        if (fn.AuthLevel != AuthorizationLevel.Anonymous && !HasKey(ctx.Request, functionKey))
        {
            // The host answers 401 with an empty body when the key is missing or wrong.
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        // The same gate the real host runs as worker middleware: access, then problem+json for whatever escapes.
        var gate = ctx.RequestServices.GetRequiredService<HttpGate>();
        var invocationId = Guid.NewGuid().ToString("N");
        var result = await gate.InvokeAsync(ctx, fn.Method, invocationId, () =>
            Invoker.InvokeAsync(ctx.RequestServices, fn, (ParameterInfo p, out object? value) =>
            {
                if (Invoker.IsHttpRequest(p.ParameterType)) { value = ctx.Request; return true; }
                if (p.Name is { } n && ctx.Request.RouteValues.TryGetValue(n, out var raw))
                {
                    value = Invoker.ConvertRouteValue(raw, p.ParameterType);
                    return true;
                }
                value = null;
                return Nullable.GetUnderlyingType(p.ParameterType) is not null || !p.ParameterType.IsValueType;
            }, ctx.RequestAborted, invocationId));
        if (!ctx.RequestAborted.IsCancellationRequested) await WriteResultAsync(ctx, result);
    }

    private static async Task WriteResultAsync(HttpContext ctx, object? result)
    {
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(ctx, ctx.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult r:
                await r.ExecuteAsync(ctx);
                break;
            case null:
                ctx.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await ctx.Response.WriteAsJsonAsync(result, result.GetType(), InfoFunctions.Platform.Json.Options);
                break;
        }
    }

    private static bool HasKey(HttpRequest request, string expected)
    {
        var given = request.Headers[KeyHeader].ToString() is { Length: > 0 } h ? h : request.Query["code"].ToString();
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given),
            Encoding.UTF8.GetBytes(expected));
    }
}
