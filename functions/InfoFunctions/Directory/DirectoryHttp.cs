namespace InfoFunctions.DirectoryFeature;

/// <summary>The directory's request conventions.</summary>
public static class DirectoryHttp
{
    public static string? IfMatch(HttpRequest req) => req.Headers.IfMatch.ToString() is { Length: > 0 } v ? v : null;

    public static bool IncludeInactive(HttpRequest req) =>
        req.Query["includeInactive"].ToString() is var v
        && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");
}
