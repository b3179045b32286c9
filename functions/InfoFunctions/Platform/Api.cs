using Microsoft.AspNetCore.WebUtilities;

namespace InfoFunctions.Platform;

/// <summary>
/// The one HTTP mapping: values to JSON responses, <see cref="Problem"/>s to
/// <c>application/problem+json</c> with the status their kind has, request bodies to values.
/// </summary>
public static class Api
{
    public const string ProblemContentType = "application/problem+json; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";
    /// <summary>A JSON request body is at most 1 MiB unless a route says otherwise.</summary>
    public const long MaxJsonBytes = RequestBody.MaxJsonBytes;
    /// <summary>Seconds a client should wait after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    public static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => StatusCodes.Status400BadRequest,
        ProblemKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.Stale => StatusCodes.Status412PreconditionFailed,
        ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ProblemKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        ProblemKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ProblemKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        ProblemKind.Throttled => StatusCodes.Status429TooManyRequests,
        ProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ApiResult Json<T>(int status, T body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, r => r.WriteAsJsonAsync(body, Platform.Json.Options, JsonContentType), headers);

    public static ApiResult Ok<T>(T body) => Json(StatusCodes.Status200OK, body);
    public static ApiResult Created<T>(string location, T body) =>
        Json(StatusCodes.Status201Created, body, new Dictionary<string, string> { ["Location"] = location });
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent);

    /// <summary>A value with its <c>ETag</c> header.</summary>
    public static ApiResult Entity<T>(Versioned<T> v, int status = StatusCodes.Status200OK, string? location = null)
    {
        var headers = new Dictionary<string, string> { ["ETag"] = v.ETag };
        if (location is not null) headers["Location"] = location;
        return Json(status, v.Value, headers);
    }

    public static IActionResult Ok<T>(Result<T> result) => From(result, v => Ok(v));
    public static IActionResult Created<T>(Result<T> result, Func<T, string> location) =>
        From(result, v => Created(location(v), v));
    public static IActionResult NoContent(Result result) => result.IsOk ? NoContent() : Problem(result.Problem!);
    public static IActionResult Entity<T>(Result<Versioned<T>> result) => From(result, v => Entity(v));
    public static IActionResult CreatedEntity<T>(Result<Versioned<T>> result, Func<T, string> location) =>
        From(result, v => Entity(v, StatusCodes.Status201Created, location(v.Value)));
    public static IActionResult From<T>(Result<T> result, Func<T, IActionResult> ok) =>
        result.IsOk ? ok(result.Value) : Problem(result.Problem!);

    /// <summary>201 with <c>Location</c> when the call created the value, 200 when it was there already.</summary>
    public static IActionResult Saved<T>(Result<Saved<T>> result, Func<T, string> location) =>
        From(result, s => s.IsNew ? Created(location(s.Value), s.Value) : Ok(s.Value));

    /// <summary>A file as the response body, with <c>Content-Disposition</c> when it has a name.</summary>
    public static ApiResult File(FileDownload file)
    {
        Dictionary<string, string>? headers = null;
        if (file.FileName is { } name)
        {
            var ascii = file.AsciiName ?? name;
            headers = new()
            {
                ["Content-Disposition"] = $"{(file.Inline ? "inline" : "attachment")}; filename=\"{ascii}\"; " +
                    $"filename*=UTF-8''{Uri.EscapeDataString(name)}",
            };
        }
        return new ApiResult(StatusCodes.Status200OK, r =>
        {
            r.ContentType = file.ContentType;
            r.ContentLength = file.Content.Length;
            return r.Body.WriteAsync(file.Content).AsTask();
        }, headers);
    }

    public static IActionResult File(Result<FileDownload> result) => From(result, File);

    /// <summary>
    /// RFC 9457 problem: <c>type</c>, <c>title</c>, <c>status</c>, the stable <c>code</c>, the Chinese <c>detail</c>,
    /// and any extras.
    /// </summary>
    public static ApiResult Problem(Problem problem, string? correlationId = null)
    {
        var status = StatusOf(problem.Kind);
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://infofunctions/problems/{problem.Code}",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["code"] = problem.Code,
            ["detail"] = problem.Detail,
        };
        if (problem.Errors is { Count: > 0 } errors) body["errors"] = errors;
        if (problem.Current is not null) body["current"] = problem.Current;
        if (problem.ETag is not null) body["etag"] = problem.ETag;
        if (correlationId is not null) body["correlationId"] = correlationId;

        var headers = new Dictionary<string, string>();
        if (problem.ETag is not null) headers["ETag"] = problem.ETag;
        if (problem.RetryAfter is { } wait) headers["Retry-After"] = $"{(int)Math.Ceiling(wait.TotalSeconds)}";
        if (problem.Kind == ProblemKind.Unauthenticated) headers["WWW-Authenticate"] = "Bearer";
        return new ApiResult(status, r =>
        {
            r.ContentType = ProblemContentType;
            return r.WriteAsync(JsonSerializer.Serialize(body, Platform.Json.Options));
        }, headers);
    }

    /// <summary>
    /// Reads a JSON body of at most <paramref name="maxBytes"/>: 415 for another content type, 413 when
    /// larger, 400 when empty or malformed.
    /// </summary>
    public static async Task<Result<T>> ReadJsonAsync<T>(HttpRequest request,
        long maxBytes = MaxJsonBytes) where T : class
    {
        var body = await RequestBody.ReadJsonAsync(
            request.ContentType, request.Body, request.ContentLength, maxBytes, request.HttpContext.RequestAborted);
        return body.IsOk ? RequestBody.ParseJson<T>(body.Value) : body.Problem!;
    }

    /// <summary>
    /// An optional JSON body: read as <see cref="ReadJsonAsync{T}"/> when the request has one (a length above zero
    /// or a chunked body), else <paramref name="absent"/>.
    /// </summary>
    public static Task<Result<T>> ReadOptionalJsonAsync<T>(HttpRequest request, T absent) where T : class =>
        request.ContentLength > 0 || request.ContentLength is null && request.Headers.TransferEncoding.Count > 0
            ? ReadJsonAsync<T>(request)
            : Task.FromResult(new Result<T>(absent));

    /// <summary>
    /// The whole body, refused with 413 once it passes <paramref name="maxBytes"/> (declared or streamed).
    /// </summary>
    public static Task<Result<byte[]>> ReadBodyAsync(HttpRequest request, long maxBytes) =>
        RequestBody.ReadAsync(request.Body, request.ContentLength, maxBytes, request.HttpContext.RequestAborted);
}
