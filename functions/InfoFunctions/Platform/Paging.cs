using Microsoft.AspNetCore.WebUtilities;

namespace InfoFunctions.Platform;

/// <summary>
/// The paging every list endpoint takes: <c>pageSize</c> (1–200) and <c>continuationToken</c> (storage's own
/// token, base64url so it travels in a query string).
/// </summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static int PageSize(string? text, int defaultSize, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text)) return defaultSize;
        if (int.TryParse(text, out var size) && size is >= 1 and <= MaxPageSize) return size;
        errors.Add(new("pageSize", $"每页条数（pageSize）应在 1 到 {MaxPageSize} 之间。"));
        return defaultSize;
    }

    /// <summary>Storage's continuation token from the one a client sent back, or null.</summary>
    public static string? Continuation(string? token, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)); }
        catch (FormatException) { errors.Add(new("continuationToken", "翻页令牌无效。")); return null; }
    }

    /// <summary>The token a client sends back for the next page, or null on the last page.</summary>
    public static string? Token(string? next) =>
        next is null ? null : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(next));
}
