using System.Collections.Frozen;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.Net.Http.Headers;

namespace InfoFunctions.ConsoleFeature;

/// <summary>One file of the built console: its bytes, the gzip variant the build made, and its validator.</summary>
public sealed record ConsoleFile(string Path, byte[] Content, byte[]? Gzip, string ContentType, string ETag);

/// <summary>
/// The console as the build embedded it (<c>InfoFunctions.Console.Site/…</c>): index.html, revalidated on
/// every visit, and content-hashed assets cached for a year. A gzip variant goes to clients that accept it.
/// </summary>
public sealed class ConsoleAssets
{
    public const string IndexPath = "index.html";
    private const string Prefix = "InfoFunctions.Console.Site/";
    public const string Immutable = "public, max-age=31536000, immutable";

    private readonly FrozenDictionary<string, ConsoleFile> _files;
    private readonly string _policy;

    public ConsoleAssets(BlobServiceClient blobs)
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToHashSet();
        _files = names.Where(n => !n.EndsWith(".gz", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, names.Contains(n + ".gz") ? n + ".gz" : null))
            .ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);
        // Attachment thumbnails and large uploads go straight to Blob Storage through short-lived links.
        var storage = blobs.Uri.GetLeftPart(UriPartial.Authority);
        _policy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
            $"img-src 'self' data: blob: {storage}; connect-src 'self' {storage}; " +
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    public ConsoleFile? Find(string path) => _files.GetValueOrDefault(path);

    private static ConsoleFile Load(System.Reflection.Assembly assembly, string name, string? gzipName)
    {
        var path = name[Prefix.Length..].Replace('\\', '/');
        var content = Read(assembly, name);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
        var gzip = gzipName is null ? null : Read(assembly, gzipName);
        return new ConsoleFile(path, content, gzip, ContentType(path), etag);
    }

    private static byte[] Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>The file with its caching headers; 304 when the client's copy is current; else 404.</summary>
    public ApiResult Serve(HttpRequest request, string path)
    {
        if (Find(path) is not { } file) return Api.Problem(Problem.NotFound($"文件 {path}"));
        var index = path == IndexPath;
        var headers = new Dictionary<string, string>
        {
            [HeaderNames.CacheControl] = index ? "no-cache" : Immutable,
            [HeaderNames.ETag] = file.ETag,
            [HeaderNames.Vary] = HeaderNames.AcceptEncoding,
            [HeaderNames.XContentTypeOptions] = "nosniff",
        };
        if (index)
        {
            headers[HeaderNames.ContentSecurityPolicy] = _policy;
            headers["Referrer-Policy"] = "same-origin";
        }
        if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == file.ETag)))
            return new ApiResult(StatusCodes.Status304NotModified, null, headers);

        var body = file.Content;
        if (file.Gzip is not null && AcceptsGzip(request))
        {
            body = file.Gzip;
            headers[HeaderNames.ContentEncoding] = "gzip";
        }
        return new ApiResult(StatusCodes.Status200OK, r =>
        {
            r.ContentType = file.ContentType;
            r.ContentLength = body.Length;
            return r.Body.WriteAsync(body).AsTask();
        }, headers);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(
            request.Headers.AcceptEncoding.Select(v => v ?? "").ToList(), out var list)
        && list.Any(v => string.Equals(v.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase)
            && v.Quality is not 0);
}
