using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace InfoFunctions.Notifications;

/// <summary>
/// Fills the Liquid template files embedded in the assembly with Fluid: <c>{{ name }}</c> (HTML-encoded in .html),
/// <c>{% for item in list %}…{% endfor %}</c>, <c>{% if name %}…{% else %}…{% endif %}</c>. Missing data fails
/// loudly (<see cref="MissingValue"/>): a half-filled notice must never reach a person; an absent value only
/// makes an <c>if</c> false.
/// </summary>
public sealed class TemplateRenderer
{
    private const string ResourcePrefix = "InfoFunctions.Notifications.Templates.";
    private static readonly Assembly Assembly = typeof(TemplateRenderer).Assembly;
    private static readonly FluidParser Parser = new();
    /// <summary>Encodes what HTML needs (&lt; &gt; &amp; quotes) and leaves Chinese as it is.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly TemplateOptions Options = new() { Undefined = name => new(new MissingValue(name)) };
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new();

    public RenderedEmail Render(string template, JsonObject data)
    {
        if (!Templates.IsKnown(template))
            throw new TemplateRenderException($"未知的通知模板：{template}");
        var subject = RenderFile($"{template}.subject.txt", data, html: false);
        var text = RenderFile($"{template}.txt", data, html: false);
        var body = RenderFile($"{template}.html", data, html: true);
        var layoutData = new JsonObject
        {
            ["subject"] = subject,
            ["platformName"] = data["platformName"]?.DeepClone(),
            ["portalUrl"] = data["portalUrl"]?.DeepClone(),
        };
        var html = RenderFile("_layout.html", layoutData, html: true)
            .Replace("<!--content-->", body, StringComparison.Ordinal);
        var oneLine = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return new RenderedEmail(oneLine, text.Trim() + "\n", html);
    }

    private string RenderFile(string file, JsonObject data, bool html)
    {
        var template = _parsed.GetOrAdd(file, Parse);
        var context = new TemplateContext(Options);
        foreach (var (name, value) in data) context.SetValue(name, ValueOf(value, name));
        try
        {
            return template.Render(context, html ? Html : NullEncoder.Default);
        }
        catch (TemplateRenderException ex)
        {
            throw new TemplateRenderException($"模板 {file} {ex.Message}");
        }
    }

    private static IFluidTemplate Parse(string file)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new TemplateRenderException($"缺少模板文件 {file}（应位于 Notifications/Templates/）。");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new TemplateRenderException($"模板 {file} 无法解析：{error}");
    }

    /// <summary>Template data as Fluid values; objects keep failing loudly on a missing field.</summary>
    private static FluidValue ValueOf(JsonNode? node, string path) => node switch
    {
        null => NilValue.Instance,
        JsonObject o => new JsonObjectValue(o, path),
        JsonArray a => new ArrayValue(a.Select((item, i) => ValueOf(item, $"{path}[{i}]")).ToArray()),
        JsonValue v => v.GetValueKind() switch
        {
            // An empty string is written as nothing and is false in an if.
            JsonValueKind.String when v.GetValue<string>() is { Length: > 0 } s => StringValue.Create(s),
            JsonValueKind.True => BooleanValue.True,
            JsonValueKind.False => BooleanValue.False,
            // As the producer wrote it: 200.00 stays 200.00.
            JsonValueKind.Number => StringValue.Create(v.ToJsonString()),
            _ => NilValue.Instance,
        },
        _ => NilValue.Instance,
    };

    /// <summary>A JSON object whose missing fields are <see cref="MissingValue"/>s.</summary>
    private sealed class JsonObjectValue(JsonObject value, string path) : ObjectValueBase(value)
    {
        public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) =>
            new(value.TryGetPropertyValue(name, out var node)
                ? ValueOf(node, name)
                : new MissingValue($"{path}.{name}"));
    }
}
