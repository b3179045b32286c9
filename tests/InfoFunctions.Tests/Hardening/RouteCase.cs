using System.Text.Json.Nodes;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// One row of the hostile-input table: a request one HTTP function would take — its path with parameters filled
/// (<c>{reportId}</c> from the seeded data), query, body and caller. The suite never sends it as it is; it sends
/// it spoiled one part at a time (<see cref="HostileInputs"/>). <see cref="BodyType"/> is the request type whose
/// declared text limits the spoiled text must pass; <see cref="BodyLimit"/> the largest body the route reads.
/// </summary>
public sealed record RouteCase(string Function, string Method, string Path, Caller As)
{
    /// <summary>Tells apart several cases of one function (the review actions).</summary>
    public string? Variant { get; init; }
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>A JSON body (object or array) to spoil field by field.</summary>
    public JsonNode? Json { get; init; }
    public Type? BodyType { get; init; }
    /// <summary>A body that is not JSON (a CSV, an image, a mail post): its content type and bytes.</summary>
    public (string ContentType, byte[] Bytes)? Raw { get; init; }
    /// <summary>A CSV import: header and one data row, each cell spoiled in turn.</summary>
    public (string[] Header, string[] Row)? Csv { get; init; }
    /// <summary>Form fields of a multipart body, each spoiled in turn.</summary>
    public IReadOnlyDictionary<string, string>? Form { get; init; }
    public long BodyLimit { get; init; } = InfoFunctions.Platform.RequestBody.MaxJsonBytes;
    /// <summary>The form field an oversize multipart body streams into (default: the first).</summary>
    public string? OversizeField { get; init; }
    /// <summary>Signs a body as the webhook's sender does (the event webhook).</summary>
    public Action<HttpRequestMessage, byte[]>? Sign { get; init; }
    /// <summary>Inputs only this route has (a malformed mail envelope, a CSV with a broken BOM…).</summary>
    public IReadOnlyList<Hostile> Extra { get; init; } = [];
    /// <summary>Why the text of this body is not spoiled field by field (mail as senders wrote it).</summary>
    public string? KeepsText { get; init; }

    public string Name => Variant is null ? Function : $"{Function}:{Variant}";
    public bool TakesBody => Json is not null || Raw is not null || Csv is not null || Form is not null;
}
