using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoFunctions.Platform;

namespace InfoFunctions.Tests.Hardening;

/// <summary>
/// Spoils a <see cref="RouteCase"/> one part at a time, by class: path parameters and query values (controls,
/// length, dates and numbers out of range); the body as a whole (malformed, the wrong shape, the wrong type, over
/// the route's limit declared or streamed); and each field of the body (over its declared maximum, C0 and C1
/// controls, an unpaired surrogate, the wrong JSON type, numbers and dates out of range). CSV cells and form
/// fields are spoiled like JSON fields.
/// </summary>
public static partial class HostileInputs
{
    public const string Controls = "甲\u0000乙\u0007丙\u001b丁";
    public const string C1 = "甲\u0085乙\u009b丙";
    private const string FormBoundary = "hostile-boundary-7f3a";
    /// <summary>Kestrel's default body limit plus one: what was sent to JSON routes, uploads and webhooks.</summary>
    public const long OverServerLimit = 30_000_001;
    /// <summary>Text for a field whose type declares no limit (a webhook's JSON): far over any.</summary>
    private const int UndeclaredLong = 100_000;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex Day();

    public static IEnumerable<Hostile> For(RouteCase c, string routeTemplate, bool signedIn)
    {
        if (signedIn)
            foreach (var h in PrincipalInputs(c)) yield return h;
        foreach (var h in PathInputs(c, routeTemplate)) yield return h;
        foreach (var h in QueryInputs(c)) yield return h;
        if (c.TakesBody)
        {
            foreach (var h in BodyInputs(c)) yield return h;
            if (c.KeepsText is null)
            {
                var fields = c.Json is not null ? JsonFieldInputs(c)
                    : c.Csv is not null ? CsvInputs(c)
                    : c.Form is not null ? FormInputs(c) : [];
                foreach (var h in fields) yield return h;
            }
        }
        foreach (var h in c.Extra) yield return h;
    }

    // ---- who is calling -------------------------------------------------------------------------------------

    /// <summary>App Service Authentication's header, forged: not base64, not JSON, claims of the wrong shape.</summary>
    private static IEnumerable<Hostile> PrincipalInputs(RouteCase c)
    {
        string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        foreach (var (what, header) in new[]
                 {
                     ("not base64", "%%%not-base64%%%"), ("not JSON", Base64("{\"claims\":")),
                     ("claims not a list", Base64("{\"claims\":1}")),
                     ("claims of numbers", Base64("{\"claims\":[1,2]}")),
                     ("email claim a number", Base64("{\"claims\":[{\"typ\":\"email\",\"val\":7}]}")),
                 })
            yield return new Hostile("principal", what, () =>
            {
                var request = Request(c, c.Path, c.Query, Body(c));
                request.Headers.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", header);
                return request;
            })
            { Status = 401, Anonymous = true };
    }

    // ---- path and query -------------------------------------------------------------------------------------

    private static IEnumerable<Hostile> PathInputs(RouteCase c, string template)
    {
        var names = template.Split('/');
        var values = c.Path.Split('/');
        if (names.Length != values.Length) yield break; // an optional segment left out (the console page)
        for (var i = 0; i < names.Length; i++)
        {
            if (!names[i].StartsWith('{') || names[i].EndsWith("?}")) continue; // optional: the console page
            var name = names[i].Trim('{', '}').Split(':')[0];
            // NUL never reaches the app: Kestrel refuses a path holding it before any code runs.
            foreach (var (cls, value) in new[] { ("path-control", "x甲\u0007乙\u001b丙\u0085"),
                         ("path-long", new string('x', 300)) })
            {
                var segments = values.ToArray();
                segments[i] = Uri.EscapeDataString(value);
                var path = string.Join('/', segments);
                yield return new Hostile(cls, $"{{{name}}}", () => Request(c, path, c.Query, Body(c))) { Status = 400 };
            }
        }
    }

    private static IEnumerable<Hostile> QueryInputs(RouteCase c)
    {
        foreach (var (key, sample) in c.Query)
        {
            var spoiled = new List<(string Class, string Value)>
            {
                ("query-control", Controls), ("query-long", new string('x', InputRules.QueryMax + 1)),
            };
            if (Day().IsMatch(sample)) spoiled.AddRange([("query-range", "0001-01-01"), ("query-range", "9999-12-31")]);
            else if (int.TryParse(sample, out _))
                spoiled.AddRange([("query-range", "-1"), ("query-range", "2147483648"), ("query-range", "1e400")]);
            foreach (var (cls, value) in spoiled)
            {
                var query = new Dictionary<string, string>(c.Query) { [key] = value };
                yield return new Hostile(cls, $"?{key}={Short(value)}", () => Request(c, c.Path, query, Body(c)))
                {
                    Status = 400,
                    Field = key,
                };
            }
        }
    }

    // ---- the body as a whole --------------------------------------------------------------------------------

    private static IEnumerable<Hostile> BodyInputs(RouteCase c)
    {
        var (type, bytes) = Body(c)!.Value;
        // Over the server's limit and the route's, declared up front; then over the route's, streamed without a
        // length and starting the way a real body of the route does, so only its size is wrong.
        var declared = Math.Max(OverServerLimit, c.BodyLimit + 1);
        var head = OversizeHead(c);
        yield return new Hostile("too-large", $"Content-Length {declared:N0}",
            () => Request(c, c.Path, c.Query, (type, null), new LazyContent(declared, type, head, declared: true)))
        {
            Status = 413,
        };
        yield return new Hostile("too-large", $"chunked {c.BodyLimit + 1:N0} bytes", () => Request(c, c.Path,
            c.Query, (type, null), new LazyContent(c.BodyLimit + 1, type, head, declared: false)))
        {
            Status = 413,
        };
        if (c.Json is null) yield break;
        yield return new Hostile("content-type", "text/plain",
            () => Request(c, c.Path, c.Query, ("text/plain; charset=utf-8", bytes)))
        { Status = 415 };
        foreach (var (what, malformed) in new[] { ("cut off", "{\"a\":"u8.ToArray()),
                     ("trailing text", "{\"a\":1} trailing"u8.ToArray()), ("not UTF-8", [0xFF, 0xFE, (byte)'{']) })
            yield return new Hostile("json-malformed", what,
                () => Request(c, c.Path, c.Query, (type, malformed)))
            { Status = 400 };
        var wrongShapes = c.Json is JsonArray ? new[] { "{}", "null", "\"text\"" } : ["[]", "null", "42", "\"text\""];
        foreach (var shape in wrongShapes)
            yield return new Hostile("json-shape", shape,
                () => Request(c, c.Path, c.Query, (type, Encoding.UTF8.GetBytes(shape))))
            { Status = 400 };
    }

    // ---- fields ---------------------------------------------------------------------------------------------

    private static IEnumerable<Hostile> JsonFieldInputs(RouteCase c)
    {
        foreach (var (path, leaf) in Leaves(c.Json!, []))
        {
            var field = FieldName(path);
            var declared = DeclaredLimit(c.BodyType, path);
            var spoiled = new List<(string Class, string What, string Json)>();
            switch (leaf.GetValueKind())
            {
                case JsonValueKind.String:
                    var sample = leaf.GetValue<string>();
                    var max = declared?.Max ?? (c.BodyType is null ? UndeclaredLong - 1 : InputRules.DefaultMax);
                    spoiled.Add(("text-long", $"{max + 1} chars", Quote(new string('x', max + 1))));
                    spoiled.Add(("text-control", "NUL BEL ESC", Quote(Controls)));
                    spoiled.Add(("text-c1", "U+0085 U+009B", Quote(C1)));
                    spoiled.Add(("text-surrogate", "\\ud800", "\"甲\\ud800乙\""));
                    spoiled.Add(("wrong-type", "[1]", "[1]"));
                    if (Day().IsMatch(sample))
                        spoiled.AddRange([("date-range", "0001-01-01", "\"0001-01-01\""),
                            ("date-range", "9999-12-31", "\"9999-12-31\"")]);
                    break;
                case JsonValueKind.Number:
                    spoiled.AddRange([("number-range", "-1", "-1"), ("number-range", "1e18", "1e18"),
                        ("number-range", "1e30", "1e30"), ("wrong-type", "\"x\"", "\"x\"")]);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    spoiled.Add(("wrong-type", "\"x\"", "\"x\""));
                    break;
            }
            foreach (var (cls, what, json) in spoiled)
                // A number out of range may be too large (413) or in conflict (409); when it is bad input, it is named.
                yield return new Hostile(cls, $"{field}: {what}", () => Request(c, c.Path, c.Query,
                    ("application/json", Encoding.UTF8.GetBytes(Replace(c.Json!, path, json)))))
                {
                    Status = cls == "number-range" ? null : 400,
                    Field = field,
                };
        }
        foreach (var (path, key) in MapKeys(c.Json!, c.BodyType, []))
        {
            var field = FieldName([.. path, key]);
            yield return new Hostile("key-control", $"{field}: key NUL BEL ESC", () => Request(c, c.Path, c.Query,
                ("application/json", Encoding.UTF8.GetBytes(RenameKey(c.Json!, path, key, Controls)))))
            {
                Status = 400,
                Field = FieldName(path),
            };
        }
    }

    private static IEnumerable<Hostile> CsvInputs(RouteCase c)
    {
        var (header, row) = c.Csv!.Value;
        for (var i = 0; i < row.Length; i++)
            foreach (var (cls, value) in new[] { ("cell-control", Controls), ("cell-long", new string('长', 1000)) })
            {
                var cells = row.ToArray();
                cells[i] = value;
                var csv = Encoding.UTF8.GetBytes(Csv(header) + "\r\n" + Csv(cells) + "\r\n");
                yield return new Hostile(cls, $"{header[i]}: {Short(value)}",
                    () => Request(c, c.Path, c.Query, ("text/csv", csv)))
                { Status = 400, Field = header[i] };
            }
    }

    private static IEnumerable<Hostile> FormInputs(RouteCase c)
    {
        foreach (var key in c.Form!.Keys)
            foreach (var (cls, value) in new[] { ("text-control", Controls), ("text-c1", C1),
                         ("text-long", new string('x', ReportLimit(key) + 1)) })
            {
                var fields = new Dictionary<string, string>(c.Form) { [key] = value };
                yield return new Hostile(cls, $"{key}: {Short(value)}", () => FormRequest(c, fields))
                {
                    Status = 400,
                    Field = key,
                };
            }
    }

    /// <summary>The multipart submission's fields have the JSON submission's limits.</summary>
    private static int ReportLimit(string field) =>
        typeof(InfoFunctions.Submissions.SubmitReportRequest).GetProperties()
            .FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)) is { } p
            ? InputRules.LimitOf(p)?.Max ?? InputRules.DefaultMax
            : InputRules.DefaultMax;

    // ---- requests -------------------------------------------------------------------------------------------

    public static (string ContentType, byte[] Bytes)? Body(RouteCase c) =>
        c.Json is not null ? ("application/json", Encoding.UTF8.GetBytes(c.Json.ToJsonString()))
        : c.Raw is not null ? c.Raw
        : c.Csv is { } csv ? ("text/csv", Encoding.UTF8.GetBytes(Csv(csv.Header) + "\r\n" + Csv(csv.Row) + "\r\n"))
        : c.Form is not null ? FormBody(c.Form)
        : null;

    public static HttpRequestMessage Request(RouteCase c, string path, IReadOnlyDictionary<string, string> query,
        (string ContentType, byte[]? Bytes)? body, HttpContent? content = null)
    {
        var qs = query.Count == 0 ? "" : "?" + string.Join("&",
            query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        var request = new HttpRequestMessage(new HttpMethod(c.Method), path + qs);
        foreach (var (name, value) in c.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (content is not null) request.Content = content;
        else if (body is { Bytes: { } bytes } b)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(b.ContentType);
            c.Sign?.Invoke(request, bytes);
        }
        // A route may refuse a body before reading it; the client then waits for that answer instead of sending.
        if (request.Content is not null) request.Headers.ExpectContinue = true;
        return request;
    }

    private static HttpRequestMessage FormRequest(RouteCase c, IReadOnlyDictionary<string, string> fields)
    {
        var (type, bytes) = FormBody(fields);
        return Request(c, c.Path, c.Query, (type, bytes));
    }

    private static (string, byte[]) FormBody(IReadOnlyDictionary<string, string> fields)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in fields)
            sb.Append($"--{FormBoundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        sb.Append($"--{FormBoundary}--\r\n");
        return ($"multipart/form-data; boundary={FormBoundary}", Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private static string Csv(IEnumerable<string> cells) =>
        string.Join(",", cells.Select(v => "\"" + v.Replace("\"", "\"\"") + "\""));

    // ---- JSON trees -----------------------------------------------------------------------------------------

    private static IEnumerable<(object[] Path, JsonValue Leaf)> Leaves(JsonNode node, object[] path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    if (child is not null)
                        foreach (var leaf in Leaves(child, [.. path, key])) yield return leaf;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is { } child)
                        foreach (var leaf in Leaves(child, [.. path, i])) yield return leaf;
                break;
            case JsonValue v:
                yield return (path, v);
                break;
        }
    }

    /// <summary>Keys of the body's maps (a dictionary in the request type), to spoil as text too.</summary>
    private static IEnumerable<(object[] Path, string Key)> MapKeys(JsonNode node, Type? type, object[] path)
    {
        if (type is null) yield break;
        switch (node)
        {
            case JsonObject o when Dictionary(type) is { } valueType:
                foreach (var (key, child) in o)
                {
                    yield return (path, key);
                    if (child is not null)
                        foreach (var k in MapKeys(child, valueType, [.. path, key])) yield return k;
                }
                break;
            case JsonObject o:
                foreach (var (key, child) in o)
                    if (child is not null && Property(type, key) is { } p)
                        foreach (var k in MapKeys(child, p.PropertyType, [.. path, key])) yield return k;
                break;
            case JsonArray a when Element(type) is { } element:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is { } child)
                        foreach (var k in MapKeys(child, element, [.. path, i])) yield return k;
                break;
        }
    }

    /// <summary>The body with one value replaced by raw JSON text (even what no JSON writer would write).</summary>
    private static string Replace(JsonNode root, object[] path, string json)
    {
        const string Placeholder = "__hostile_value__";
        var copy = root.DeepClone();
        var parent = Navigate(copy, path[..^1]);
        if (path[^1] is int i) parent.AsArray()[i] = Placeholder;
        else parent.AsObject()[(string)path[^1]] = Placeholder;
        return copy.ToJsonString(new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).Replace($"\"{Placeholder}\"", json);
    }

    private static string RenameKey(JsonNode root, object[] path, string key, string newKey)
    {
        var copy = root.DeepClone();
        var map = Navigate(copy, path).AsObject();
        var value = map[key]?.DeepClone();
        map.Remove(key);
        map[newKey] = value;
        return copy.ToJsonString();
    }

    private static JsonNode Navigate(JsonNode node, object[] path) =>
        path.Aggregate(node, (n, step) => step is int i ? n.AsArray()[i]! : n.AsObject()[(string)step]!);

    /// <summary><c>authors[0].name</c>, as the API names a field.</summary>
    public static string FieldName(object[] path)
    {
        var sb = new StringBuilder();
        foreach (var step in path)
            if (step is int i) sb.Append('[').Append(i).Append(']');
            else sb.Append(sb.Length == 0 ? "" : ".").Append(step);
        return sb.ToString();
    }

    /// <summary>The <see cref="TextAttribute"/> of the field a path leads to in the request type.</summary>
    private static TextAttribute? DeclaredLimit(Type? type, object[] path)
    {
        TextAttribute? limit = null;
        foreach (var step in path)
        {
            if (type is null) return null;
            if (step is int) { type = Element(type); continue; }
            if (Dictionary(type) is { } value) { type = value; continue; }
            var property = Property(type, (string)step);
            if (property is null) return null;
            limit = InputRules.LimitOf(property);
            type = property.PropertyType;
        }
        return limit;
    }

    private static PropertyInfo? Property(Type type, string jsonName) =>
        type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, jsonName, StringComparison.OrdinalIgnoreCase));

    private static Type? Dictionary(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType
            && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? Element(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType
            && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    public static string Short(string value)
    {
        var shown = new string(value.Take(16).Select(ch => char.IsControl(ch) ? '·' : ch).ToArray());
        return value.Length > 16 ? $"{shown}…({value.Length})" : shown;
    }

    /// <summary>How an oversize body of the route starts: a form field's header, a file's first bytes.</summary>
    private static byte[] OversizeHead(RouteCase c) =>
        c.Form is not null ? Encoding.UTF8.GetBytes($"--{FormBoundary}\r\nContent-Disposition: form-data; " +
                $"name=\"{c.OversizeField ?? c.Form.Keys.First()}\"\r\n\r\n")
        : c.Raw is { } raw ? raw.Bytes
        : [];

    /// <summary>A body of a given size made up as it is sent; declared with Content-Length or chunked.</summary>
    private sealed class LazyContent : HttpContent
    {
        private readonly long _length;
        private readonly byte[] _head;
        private readonly bool _declared;

        public LazyContent(long length, string contentType, byte[] head, bool declared)
        {
            (_length, _head, _declared) = (length, head, declared);
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_head);
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            for (long sent = _head.Length; sent < _length;)
            {
                var n = (int)Math.Min(chunk.Length, _length - sent);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                sent += n;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return _declared;
        }
    }
}
