using System.Text.Json;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace InfoFunctions.DirectoryFeature;

/// <summary>Maps directory outcomes to HTTP: ETag on every single-entity response, problems otherwise.</summary>
public static class DirectoryHttp
{
    /// <summary>Everyone signed in with any role.</summary>
    public static readonly string[] AnyRole = [.. Roles.All];

    /// <summary>The office roles that may read the whole directory.</summary>
    public static readonly string[] OfficeRoles = [Roles.Editor, Roles.Signer, Roles.Leader, Roles.Admin];

    public static string? IfMatch(HttpRequest req) => req.Headers.IfMatch.ToString() is { Length: > 0 } v ? v : null;

    public static bool IncludeInactive(HttpRequest req) =>
        req.Query["includeInactive"].ToString() is var v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    public static ApiResult Entity<T>(Versioned<T> v, int status = 200, string? location = null)
    {
        var headers = new Dictionary<string, string> { ["ETag"] = v.ETag };
        if (location is not null) headers["Location"] = location;
        return Api.Json(status, v.Value, headers);
    }

    public static ApiResult ToResult<T>(Outcome<T> o, string what, Func<T, string> location) => o.Kind switch
    {
        OutcomeKind.Ok => Entity(o.Result!),
        OutcomeKind.Created => Entity(o.Result!, 201, location(o.Result!.Value)),
        OutcomeKind.Invalid => Invalid(o.Errors ?? []),
        OutcomeKind.NotFound => Api.NotFound(what),
        OutcomeKind.Conflict => Api.Conflict(o.Code!, o.Detail!),
        OutcomeKind.PreconditionFailed => Stale(o.Result!),
        _ => throw new InvalidOperationException($"Unknown outcome {o.Kind}"),
    };

    public static ApiResult Invalid(IReadOnlyList<FieldError> errors) =>
        Api.BadRequest("validation-failed", $"输入有误（{errors.Count} 处）：{string.Join("；", errors.Select(e => e.Message))}", errors);

    /// <summary>412 with the current state and its ETag, so the client can merge and retry.</summary>
    public static ApiResult Stale<T>(Versioned<T> current)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "https://infofunctions/problems/precondition-failed",
            ["title"] = ReasonPhrases.GetReasonPhrase(412),
            ["status"] = 412,
            ["code"] = "precondition-failed",
            ["detail"] = "数据已被他人修改（If-Match 与当前版本不符）；请查看当前内容后重试。",
            ["current"] = current.Value,
            ["etag"] = current.ETag,
        };
        return new ApiResult(412, r =>
        {
            r.ContentType = Api.ProblemContentType;
            return r.WriteAsync(JsonSerializer.Serialize(body, Json.Options));
        }, new Dictionary<string, string> { ["ETag"] = current.ETag });
    }
}
