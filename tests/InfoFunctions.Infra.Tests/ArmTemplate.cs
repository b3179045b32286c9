using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InfoFunctions.Infra.Tests;

/// <summary>A resource of the compiled ARM JSON, with the (possibly nested module) template it sits in.</summary>
public sealed record ArmResource(JsonObject Node, JsonObject Template, string Module)
{
    public string Type => (string)Node["type"]!;
    public JsonNode? this[string path] => ArmTemplate.At(Node, path);

    /// <summary>A template variable, following Bicep's `variables('$fxv#0')` indirection for loadJsonContent.</summary>
    public JsonNode? Variable(string name) => ArmTemplate.ResolveVariable(Template, name);
}

/// <summary>Walks `bicep build` output: modules are inlined as Microsoft.Resources/deployments templates.</summary>
public static partial class ArmTemplate
{
    public static IEnumerable<ArmResource> Resources(JsonObject template, string module = "main")
    {
        foreach (var r in ResourceNodes(template))
        {
            yield return new ArmResource(r, template, module);
            if (
                (string?)r["type"] == "Microsoft.Resources/deployments"
                && At(r, "properties.template") is JsonObject nested
            )
            {
                var name = Regex.Match((string?)r["name"] ?? "", @"format\('(?<m>[^-']+)-").Groups["m"].Value;
                foreach (var inner in Resources(nested, name.Length > 0 ? name : module + "/?"))
                    yield return inner;
            }
        }
    }

    // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
    private static IEnumerable<JsonObject> ResourceNodes(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray a => a.OfType<JsonObject>(),
            JsonObject o => o.Select(kv => kv.Value).OfType<JsonObject>(),
            _ => [],
        };

    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node;
    }

    public static JsonNode? ResolveVariable(JsonObject template, string name)
    {
        var value = At(template, "variables")?[name];
        return value is JsonValue v && v.TryGetValue<string>(out var s) && VariableRef().Match(s) is { Success: true } m
            ? ResolveVariable(template, m.Groups["n"].Value)
            : value;
    }

    public static string Text(JsonNode? node) =>
        node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    [GeneratedRegex(@"^\[variables\('(?<n>[^']+)'\)\]$")]
    private static partial Regex VariableRef();
}

/// <summary>Compiles and lints infra/main.bicep once for all tests.</summary>
public sealed class InfraFixture
{
    public BicepCli.Result Build { get; }
    public BicepCli.Result Lint { get; }
    public JsonObject Template { get; }
    public string TemplateText { get; }
    public IReadOnlyList<ArmResource> Resources { get; }

    public InfraFixture()
    {
        StorageNamesFile.WriteIfRequested();
        var main = Path.Combine(RepoPaths.Infra, "main.bicep");
        Build = BicepCli.Run("build", main, "--stdout");
        Lint = BicepCli.Run("lint", main);
        TemplateText = Build.StdOut;
        Template = Build.ExitCode == 0 && JsonNode.Parse(Build.StdOut) is JsonObject o ? o : new JsonObject();
        Resources = ArmTemplate.Resources(Template).ToList();
    }

    public IEnumerable<ArmResource> OfType(string type) => Resources.Where(r => r.Type == type);

    public ArmResource Single(string type)
    {
        var all = OfType(type).ToList();
        Assert.True(all.Count == 1, $"Expected exactly one {type} in the compiled template, found {all.Count}.");
        return all[0];
    }

    public ArmResource Site => Single("Microsoft.Web/sites");

    /// <summary>
    /// The settings every hosting plan gets (name -> literal or ARM expression): the <c>appSettings</c>
    /// variable the site concatenates with its plan's few; the per-cloud snapshots show the final list.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        AppSettingList.ToDictionary(s => ArmTemplate.Text(s["name"]), s => ArmTemplate.Text(s["value"]));

    public IReadOnlyList<JsonObject> AppSettingList =>
        (Site["properties.siteConfig.appSettings"] as JsonArray ?? Site.Variable("appSettings") as JsonArray ?? [])
            .OfType<JsonObject>()
            .ToList();

    public static JsonDocument ReadJson(params string[] repoPath) =>
        JsonDocument.Parse(
            File.ReadAllText(RepoPaths.Of(repoPath)),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }
        );
}

[CollectionDefinition("infra")]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>;
