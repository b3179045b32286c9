using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;

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

    public static ApiResult Stale<T>(Versioned<T> current) => Api.PreconditionFailed(current.Value!, current.ETag);
}
