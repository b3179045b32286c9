using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace InfoFunctions.Platform;

/// <summary>
/// Results written straight to the response with the app's JSON options, so they behave the
/// same under the Functions host and LocalHost without MVC formatters.
/// </summary>
public sealed class ApiResult(int status, Func<HttpResponse, Task>? write = null, IReadOnlyDictionary<string, string>? headers = null) : IActionResult
{
    public int Status { get; } = status;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        if (headers is not null)
            foreach (var (k, v) in headers) response.Headers[k] = v;
        if (write is not null) await write(response);
    }
}

public static class Api
{
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    public static ApiResult Json<T>(int status, T body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, r => r.WriteAsJsonAsync(body, Platform.Json.Options, "application/json; charset=utf-8"), headers);

    public static ApiResult Ok<T>(T body) => Json(StatusCodes.Status200OK, body);
    public static ApiResult Created<T>(string location, T body) =>
        Json(StatusCodes.Status201Created, body, new Dictionary<string, string> { ["Location"] = location });
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent);

    /// <summary>RFC 9457 problem: a stable machine <paramref name="code"/> and a Chinese <paramref name="detail"/>.</summary>
    public static ApiResult Problem(int status, string code, string detail, object? extra = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Problem(status, code, detail, extra is null ? null : new Dictionary<string, object?> { ["errors"] = extra }, headers);

    /// <summary>A problem with more members beside the standard ones (e.g. <c>current</c> on a 412).</summary>
    public static ApiResult Problem(int status, string code, string detail, IReadOnlyDictionary<string, object?>? members, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://infofunctions/problems/{code}",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["code"] = code,
            ["detail"] = detail,
        };
        foreach (var (k, v) in members ?? new Dictionary<string, object?>()) body[k] = v;
        return new ApiResult(status, r =>
        {
            r.ContentType = ProblemContentType;
            return r.WriteAsync(JsonSerializer.Serialize(body, Platform.Json.Options));
        }, headers);
    }

    /// <summary>412 for a stale <c>If-Match</c>: the current state and its ETag, so the client can merge and retry.</summary>
    public static ApiResult PreconditionFailed(object current, string etag) =>
        Problem(412, "precondition-failed", "数据已被他人修改（If-Match 与当前版本不符）；请查看当前内容后重试。",
            new Dictionary<string, object?> { ["current"] = current, ["etag"] = etag },
            new Dictionary<string, string> { ["ETag"] = etag });

    public static ApiResult BadRequest(string code, string detail, object? errors = null) => Problem(400, code, detail, errors);
    public static ApiResult NotFound(string what) => Problem(404, "not-found", $"未找到{what}。");
    public static ApiResult Conflict(string code, string detail) => Problem(409, code, detail);

    /// <summary>Reads a JSON body; a malformed or empty body becomes a 400 problem.</summary>
    public static async Task<(T? Value, ApiResult? Error)> ReadJsonAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentType is { } ct && !ct.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, Problem(415, "unsupported-media-type", "请求体须为 JSON（Content-Type: application/json）。"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Platform.Json.Options);
            return value is null ? (null, BadRequest("invalid-json", "请求体为空，应为 JSON 对象。")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest("invalid-json", $"请求体不是有效的 JSON：{ex.Message}"));
        }
    }
}
