namespace InfoFunctions.Platform;

/// <summary>
/// Results written straight to the response with the app's JSON options, so they behave the
/// same under the Functions host and LocalHost without MVC formatters.
/// </summary>
public sealed class ApiResult(
    int status,
    Func<HttpResponse, Task>? write = null,
    IReadOnlyDictionary<string, string>? headers = null
) : IActionResult
{
    public int Status { get; } = status;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        if (headers is not null)
            foreach (var (k, v) in headers)
                response.Headers[k] = v;
        if (write is not null)
            await write(response);
    }
}
