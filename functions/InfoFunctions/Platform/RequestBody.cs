using Microsoft.Net.Http.Headers;

namespace InfoFunctions.Platform;

/// <summary>
/// Request bodies as streams, for <see cref="Api"/> and for services that read a body themselves
/// (multipart intake, the mailbox webhook): bounded reads, JSON with its problems, the multipart boundary.
/// </summary>
public static class RequestBody
{
    /// <summary>A JSON request body is at most 1 MiB unless a route says otherwise.</summary>
    public const long MaxJsonBytes = 1024 * 1024;

    /// <summary>The whole stream, or null once it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The whole body, refused once it passes <paramref name="maxBytes"/> (declared or streamed).</summary>
    public static async Task<Result<byte[]>> ReadAsync(Stream body, long? declaredLength, long maxBytes,
        CancellationToken ct)
    {
        if (declaredLength > maxBytes) return TooLarge(maxBytes);
        return await ReadAtMostAsync(body, maxBytes, ct) is { } bytes ? bytes : TooLarge(maxBytes);
    }

    /// <summary>A JSON body's bytes: refused for another content type, when too large or empty.</summary>
    public static async Task<Result<byte[]>> ReadJsonAsync(
        string? contentType, Stream body, long? declaredLength, long maxBytes, CancellationToken ct)
    {
        if (contentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Problem.Unsupported("unsupported-media-type", "请求体须为 JSON（Content-Type: application/json）。");
        return await ReadAsync(body, declaredLength, maxBytes, ct);
    }

    /// <summary>
    /// A JSON object from a body's bytes, its text and days checked by <see cref="InputRules"/>; a value of the
    /// wrong type or out of range is named by its path (<c>authors[0].share</c>).
    /// </summary>
    public static Result<T> ParseJson<T>(byte[] body) where T : class
    {
        T? value;
        try
        {
            value = body.Length > 0 ? JsonSerializer.Deserialize<T>(body, Json.Options) : null;
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return field.Length == 0
                ? Problem.Invalid("invalid-json", "请求体不是有效的 JSON 对象。")
                : Problem.Invalid("invalid-json", $"请求体中的 {field} 不是有效的 JSON，或类型、取值范围不符。",
                    [new FieldError(field, $"{field} 的类型或取值不符。")]);
        }
        if (value is null) return Problem.Invalid("invalid-json", "请求体为空，应为 JSON 对象。");
        var errors = InputRules.Check(value);
        return errors.Count > 0 ? Problem.Invalid(errors) : value;
    }

    /// <summary><c>$.authors[0].share</c> as the client wrote it: <c>authors[0].share</c>.</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The boundary of a <c>multipart/form-data</c> body, or null for any other content type.</summary>
    public static string? FormBoundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(media.Boundary).Value is { Length: > 0 } boundary
            ? boundary : null;

    public static Problem TooLarge(long maxBytes) =>
        Problem.TooLarge("request-too-large", $"请求体过大：此接口最多接受 {ByteSize.Text(maxBytes)}。");
}
