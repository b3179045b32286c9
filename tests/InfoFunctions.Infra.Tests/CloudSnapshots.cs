using System.Text.Json.Nodes;

namespace InfoFunctions.Infra.Tests;

/// <summary>
/// infra/main.bicep evaluated for one parameter set by <c>bicep snapshot</c> (offline): modules are
/// flattened, parameters, conditions and loops applied. What only Azure knows stays an expression:
/// <c>reference()</c>, and <c>environment()</c>, which <see cref="ArmExpression"/> evaluates per cloud.
/// </summary>
public sealed class CloudSnapshot
{
    public required string Cloud { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required IReadOnlyList<JsonObject> Resources { get; init; }
    public required string Text { get; init; }

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => ArmTemplate.Text(r["type"]) == type);

    public JsonObject Single(string type)
    {
        var all = OfType(type).ToList();
        Assert.True(all.Count == 1, $"{Cloud}: expected exactly one {type}, found {all.Count}.");
        return all[0];
    }

    public IReadOnlyDictionary<string, string> AppSettings =>
        (ArmTemplate.At(Single("Microsoft.Web/sites"), "properties.siteConfig.appSettings") as JsonArray ?? [])
            .OfType<JsonObject>().ToDictionary(s => ArmTemplate.Text(s["name"]), s => ArmTemplate.Text(s["value"]));

    /// <summary>A value with <c>environment()</c> resolved for this snapshot's cloud.</summary>
    public string Evaluate(JsonNode? node) =>
        ArmExpression.Evaluate(ArmTemplate.Text(node), CloudEnvironments.Of(Cloud));
}

/// <summary>The two parameter sets (what <c>azd env set</c> gives main.parameters.json), snapshotted once.</summary>
public sealed class CloudSnapshots
{
    private static readonly Dictionary<string, string> Common = new()
    {
        ["environmentName"] = "'renda-prod'",
        ["entraTenantId"] = "'11111111-1111-1111-1111-111111111111'",
        ["entraClientId"] = "'22222222-2222-2222-2222-222222222222'",
        ["bootstrapAdminToken"] = "'bootstrap-token-0123456789'",
        ["mailboxAddress"] = "'xinxi@reports.example.gov.cn'",
        ["mailFromAddress"] = "'xinxi@example.gov.cn'",
        ["alertEmails"] = "'admin1@example.gov.cn, admin2@example.gov.cn'",
    };

    /// <summary>Public Azure: Flex Consumption and SendGrid (the defaults).</summary>
    public static readonly IReadOnlyDictionary<string, string> AzureCloud = new Dictionary<string, string>(Common)
    {
        ["location"] = "'eastasia'",
        ["sendGridApiKey"] = "'SG.test-key'",
    };

    /// <summary>Azure operated by 21Vianet: Elastic Premium, a domestic mail server, geo-redundant storage.</summary>
    public static readonly IReadOnlyDictionary<string, string> AzureChinaCloud = new Dictionary<string, string>(Common)
    {
        ["location"] = "'chinanorth3'",
        ["hostingPlan"] = "'ElasticPremium'",
        ["smtpHost"] = "'smtp.exmail.qq.com'",
        ["smtpUserName"] = "'xinxi@example.gov.cn'",
        ["smtpPassword"] = "'smtp-authorisation-code'",
        ["storageSku"] = "'Standard_GRS'",
        ["backupRetentionDays"] = "60",
    };

    public CloudSnapshot Public { get; } = Take("AzureCloud", AzureCloud);
    public CloudSnapshot China { get; } = Take("AzureChinaCloud", AzureChinaCloud);

    public IEnumerable<CloudSnapshot> Both => [Public, China];

    private static CloudSnapshot Take(string cloud, IReadOnlyDictionary<string, string> parameters)
    {
        var dir = Directory.CreateTempSubdirectory("infra-snapshot-").FullName;
        try
        {
            var file = Path.Combine(dir, $"{cloud}.bicepparam");
            var main = Path.GetRelativePath(dir, Path.Combine(RepoPaths.Infra, "main.bicep")).Replace('\\', '/');
            File.WriteAllLines(file, [$"using '{main}'", .. parameters.Select(p => $"param {p.Key} = {p.Value}")]);
            var result = BicepCli.Run("snapshot", file, "--mode", "overwrite",
                "--subscription-id", "00000000-0000-0000-0000-000000000001",
                "--tenant-id", "33333333-3333-3333-3333-333333333333",
                "--location", parameters["location"].Trim('\''));
            var output = Path.ChangeExtension(file, ".snapshot.json");
            Assert.True(result.ExitCode == 0 && File.Exists(output),
                $"bicep snapshot ({cloud}) failed:\n{result.StdOut}\n{result.StdErr}");
            var text = File.ReadAllText(output);
            var json = JsonNode.Parse(text)!;
            Assert.Empty(json["diagnostics"] as JsonArray ?? []);
            return new CloudSnapshot
            {
                Cloud = cloud,
                Parameters = parameters,
                Resources = (json["predictedResources"] as JsonArray ?? []).OfType<JsonObject>().ToList(),
                Text = text,
            };
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

[CollectionDefinition("clouds")]
public sealed class CloudsCollection : ICollectionFixture<CloudSnapshots>;
