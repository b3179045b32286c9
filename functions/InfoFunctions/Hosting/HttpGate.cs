using System.Reflection;

namespace InfoFunctions.Hosting;

/// <summary>
/// Every HTTP function runs through here, under the real host (worker middleware) and LocalHost alike:
/// the declared access is enforced and the caller handed to the function, the path and query checked against
/// <see cref="InputRules"/>, and whatever escapes the
/// function still answers problem+json — 413 for a body over Kestrel's limit, 503 with Retry-After
/// when storage does not answer, 500 with a correlation id that is also in the log.
/// </summary>
public sealed class HttpGate(Authenticator auth, ILogger<HttpGate> log)
{
    public async Task<IActionResult> InvokeAsync(
        HttpContext http,
        MethodInfo function,
        string correlationId,
        Func<Task<object?>> invoke
    )
    {
        var aborted = http.RequestAborted;
        try
        {
            if (FunctionAccess.Of(function) is { } allowed)
            {
                var caller = await auth.AuthenticateAsync(http.Request, aborted);
                if (!caller.IsOk)
                    return Api.Problem(caller.Problem!);
                if (!caller.Value.IsInRole(allowed))
                    return Api.Problem(Problem.Forbidden($"需要以下角色之一：{Roles.ChineseName(allowed)}。"));
                http.SetPrincipal(caller.Value);
            }
            var query = http.Request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
            if (InputRules.PathAndQuery(http.Request.Path.Value, query) is { } bad)
                return Api.Problem(bad);
            return await invoke() switch
            {
                IActionResult result => result,
                null => Api.NoContent(),
                var value => Api.Ok(value),
            };
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            return Answer(ex, function, correlationId);
        }
    }

    private ApiResult Answer(Exception ex, MethodInfo function, string correlationId)
    {
        if (Failures.BadRequest(ex) is { } bad)
            return Api.Problem(
                bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? Problem.TooLarge("request-too-large", "请求体过大，超过了服务器接受的上限。")
                    : Problem.Invalid("bad-request", "请求格式不正确，服务器无法读取。")
            );

        if (Failures.IsStorageUnavailable(ex))
        {
            log.LogWarning(
                ex,
                "{Function}: storage unavailable (correlation {CorrelationId})",
                function.Name,
                correlationId
            );
            return Api.Problem(
                new Problem(ProblemKind.Unavailable, "storage-unavailable", "存储服务暂时无法访问，请稍后重试。")
                {
                    RetryAfter = TimeSpan.FromSeconds(Api.RetryAfterSeconds),
                },
                correlationId
            );
        }

        log.LogError(ex, "{Function} failed (correlation {CorrelationId})", function.Name, correlationId);
        return Api.Problem(
            new Problem(
                ProblemKind.Internal,
                "internal-error",
                $"服务器内部错误，请稍后重试；如问题持续，请将关联编号 {correlationId} 告知管理员。"
            ),
            correlationId
        );
    }
}
