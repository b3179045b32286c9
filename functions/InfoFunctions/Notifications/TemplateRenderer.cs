using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InfoFunctions.Notifications;

/// <summary>
/// Fills the template files embedded in the assembly. Syntax: <c>{{name}}</c> (dotted paths allowed;
/// HTML-encoded in .html), <c>{{#each list}}…{{/each}}</c> (item fields, or <c>{{this}}</c> for plain
/// items), <c>{{#if name}}…{{else}}…{{/if}}</c>. Missing data fails loudly: a half-filled
/// notice must never reach a person.
/// </summary>
public sealed partial class TemplateRenderer
{
    private const string ResourcePrefix = "InfoFunctions.Notifications.Templates.";
    private static readonly Assembly Assembly = typeof(TemplateRenderer).Assembly;
    private readonly ConcurrentDictionary<string, Node[]> _parsed = new();

    public RenderedEmail Render(string template, JsonObject data)
    {
        if (!Templates.IsKnown(template))
            throw new TemplateRenderException($"未知的通知模板：{template}");
        var subject = RenderFile($"{template}.subject.txt", data, html: false);
        var text = RenderFile($"{template}.txt", data, html: false);
        var body = RenderFile($"{template}.html", data, html: true);
        var layoutData = new JsonObject { ["subject"] = subject, ["platformName"] = data["platformName"]?.DeepClone(),
            ["portalUrl"] = data["portalUrl"]?.DeepClone() };
        var html = RenderFile("_layout.html", layoutData, html: true)
            .Replace("<!--content-->", body, StringComparison.Ordinal);
        return new RenderedEmail(string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Trim(), text.Trim() + "\n", html);
    }

    private string RenderFile(string file, JsonObject data, bool html)
    {
        var nodes = _parsed.GetOrAdd(file, f => Parse(f, Load(f)));
        var sb = new StringBuilder();
        Write(nodes, [data], html, file, sb);
        return sb.ToString();
    }

    private static string Load(string file)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new TemplateRenderException($"缺少模板文件 {file}（应位于 Notifications/Templates/）。");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // ---- parsing ----

    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record ValueNode(string Path) : Node;
    private sealed record EachNode(string Path, Node[] Body) : Node;
    private sealed record IfNode(string Path, Node[] Then, Node[] Else) : Node;

    [GeneratedRegex(@"\{\{\s*(?<kind>#each|#if|/each|/if|else)?\s*(?<path>[A-Za-z_][\w.]*)?\s*\}\}")]
    private static partial Regex Tag();

    private static Node[] Parse(string file, string source)
    {
        var pos = 0;
        var matches = Tag().Matches(source);
        var index = 0;
        var nodes = ParseBlock(file, source, matches, ref index, ref pos, closing: null, out _);
        return nodes;
    }

    private static Node[] ParseBlock(string file, string source, MatchCollection matches, ref int index, ref int pos,
        string? closing, out bool sawElse)
    {
        sawElse = false;
        var nodes = new List<Node>();
        while (index < matches.Count)
        {
            var m = matches[index++];
            if (m.Index > pos) nodes.Add(Text(file, source[pos..m.Index]));
            pos = m.Index + m.Length;
            var kind = m.Groups["kind"].Value;
            var path = m.Groups["path"].Value;
            switch (kind)
            {
                case "":
                    if (path.Length == 0) throw new TemplateRenderException($"模板 {file} 有空的占位符。");
                    nodes.Add(new ValueNode(path));
                    break;
                case "#each":
                    nodes.Add(new EachNode(Required(file, path, kind),
                        ParseBlock(file, source, matches, ref index, ref pos, "/each", out _)));
                    break;
                case "#if":
                    var then = ParseBlock(file, source, matches, ref index, ref pos, "/if", out var hasElse);
                    var otherwise = hasElse ? ParseBlock(file, source, matches, ref index, ref pos, "/if", out _) : [];
                    nodes.Add(new IfNode(Required(file, path, kind), then, otherwise));
                    break;
                case "else" when closing == "/if":
                    sawElse = true;
                    return [.. nodes];
                case var k when k == closing:
                    return [.. nodes];
                default:
                    throw new TemplateRenderException($"模板 {file} 中 {{{{{kind}}}}} 位置不对。");
            }
        }
        if (closing is not null) throw new TemplateRenderException($"模板 {file} 缺少 {{{{{closing}}}}}。");
        if (pos < source.Length) nodes.Add(Text(file, source[pos..]));
        return [.. nodes];
    }

    /// <summary>Braces left in literal text are a tag the parser did not understand.</summary>
    private static TextNode Text(string file, string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("}}", StringComparison.Ordinal)
            ? throw new TemplateRenderException($"模板 {file} 有无法识别的占位符：{text.Trim()}")
            : new TextNode(text);

    private static string Required(string file, string path, string kind) =>
        path.Length > 0 ? path : throw new TemplateRenderException($"模板 {file} 的 {{{{{kind}}}}} 缺少数据名。");

    // ---- rendering ----

    private static void Write(Node[] nodes, List<JsonNode?> scopes, bool html, string file, StringBuilder sb)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    sb.Append(t.Text);
                    break;
                case ValueNode v:
                    var text = Scalar(Lookup(scopes, v.Path, out var found), v.Path, file, found);
                    sb.Append(html ? WebUtility.HtmlEncode(text) : text);
                    break;
                case EachNode e:
                    var list = Lookup(scopes, e.Path, out var exists);
                    if (!exists || list is not JsonArray array)
                        throw new TemplateRenderException($"模板 {file} 需要列表数据 {e.Path}。");
                    foreach (var item in array)
                        Write(e.Body, [.. scopes, item], html, file, sb);
                    break;
                case IfNode i:
                    Write(Truthy(Lookup(scopes, i.Path, out _)) ? i.Then : i.Else, scopes, html, file, sb);
                    break;
            }
        }
    }

    /// <summary>Innermost scope first, so item fields shadow top-level data inside {{#each}}.</summary>
    private static JsonNode? Lookup(List<JsonNode?> scopes, string path, out bool found)
    {
        for (var s = scopes.Count - 1; s >= 0; s--)
        {
            if (path == "this") { found = true; return scopes[s]; }
            var current = scopes[s];
            var ok = true;
            foreach (var part in path.Split('.'))
            {
                if (current is JsonObject o && o.TryGetPropertyValue(part, out var next)) current = next;
                else { ok = false; break; }
            }
            if (ok) { found = true; return current; }
        }
        found = false;
        return null;
    }

    private static string Scalar(JsonNode? node, string path, string file, bool found)
    {
        if (!found || node is null)
            throw new TemplateRenderException($"模板 {file} 缺少数据 {path}。");
        if (node is not JsonValue value)
            throw new TemplateRenderException($"模板 {file} 的 {path} 应为文字或数字，而不是列表或对象。");
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "是",
            JsonValueKind.False => "否",
            _ => value.ToJsonString(),
        };
    }

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject => true,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.ToJsonString() is not ("0" or "0.0" or "0.00"),
            _ => true,
        },
        _ => true,
    };
}
