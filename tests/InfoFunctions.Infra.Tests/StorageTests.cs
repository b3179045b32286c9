using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoFunctions.Platform;

namespace InfoFunctions.Infra.Tests;

/// <summary>The storage account: every name the app uses is created, and nothing uses keys.</summary>
[Collection("infra")]
public sealed partial class StorageTests(InfraFixture infra)
{
    [Fact]
    public void Storage_names_file_matches_StorageNames()
    {
        var expected = StorageNamesFile.Expected();
        using var doc = JsonDocument.Parse(File.ReadAllText(StorageNamesFile.Path));
        var problems = new List<string>();
        foreach (var (group, names) in expected)
        {
            var actual = doc.RootElement.TryGetProperty(group, out var arr)
                ? arr.EnumerateArray().Select(e => e.GetString()!).ToHashSet()
                : [];
            var missing = names.Except(actual).ToList();
            var extra = actual.Except(names).ToList();
            if (missing.Count > 0)
                problems.Add($"{group}: missing {string.Join(", ", missing)}");
            if (extra.Count > 0)
                problems.Add($"{group}: not in StorageNames {string.Join(", ", extra)}");
        }
        Assert.True(
            problems.Count == 0,
            "infra/storage-names.json is out of date with InfoFunctions.Platform.StorageNames ("
                + string.Join("; ", problems)
                + ").\n"
                + "Regenerate it: INFRA_UPDATE=1 dotnet test tests/InfoFunctions.Infra.Tests "
                + "--filter Storage_names_file_matches_StorageNames"
        );
    }

    [Fact]
    public void Names_are_valid_for_Azure_storage()
    {
        var bad = StorageNames
            .All(typeof(StorageNames.Containers))
            .Concat(StorageNames.QueuesWithPoison())
            .Where(n => !ContainerOrQueueName().IsMatch(n) || n.Contains("--"))
            .Concat(
                StorageNames
                    .All(typeof(StorageNames.Tables))
                    .Where(n => !TableName().IsMatch(n) || n.Equals("tables", StringComparison.OrdinalIgnoreCase))
            )
            .ToList();
        Assert.True(
            bad.Count == 0,
            "Names Azure Storage rejects (queues/containers: 3-63 lowercase letters, digits, single hyphens; "
                + "tables: 3-63 letters/digits starting with a letter): "
                + string.Join(", ", bad)
        );
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers", "containers")]
    [InlineData("Microsoft.Storage/storageAccounts/queueServices/queues", "queues")]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices/tables", "tables")]
    public void Template_creates_every_name_the_app_uses(string type, string group)
    {
        var created = new HashSet<string>();
        foreach (var r in infra.OfType(type))
        {
            var name = ArmTemplate.Text(r["name"]);
            if (LoopName().Match(name) is { Success: true } loop)
            {
                // A copy loop over an array variable: the loop must run over the whole array.
                var (variable, property) = (loop.Groups["v"].Value, loop.Groups["p"].Value);
                Assert.Equal($"[length(variables('{variable}').{property})]", ArmTemplate.Text(r["copy.count"]));
                var values = ArmTemplate.At(r.Variable(variable), property) as JsonArray ?? [];
                created.UnionWith(values.Select(v => ArmTemplate.Text(v)));
            }
            else if (LiteralLast().Match(name) is { Success: true } literal)
                created.Add(literal.Groups["n"].Value);
            else if (VariableLast().Match(name) is { Success: true } variable)
                created.Add(ArmTemplate.Text(r.Variable(variable.Groups["v"].Value)));
        }

        var needed = StorageNamesFile.Expected()[group];
        var missing = needed.Where(n => !created.Contains(n)).ToList();
        Assert.True(
            missing.Count == 0,
            $"The compiled template does not create these {group} the app uses: {string.Join(", ", missing)}."
        );
    }

    [Fact]
    public void Account_allows_no_shared_keys_no_public_blobs_and_only_TLS_1_2_over_HTTPS()
    {
        var account = infra.Single("Microsoft.Storage/storageAccounts");
        Assert.Equal(JsonValueKind.False, account["properties.allowSharedKeyAccess"]?.GetValueKind());
        Assert.Equal(JsonValueKind.False, account["properties.allowBlobPublicAccess"]?.GetValueKind());
        Assert.Equal("TLS1_2", ArmTemplate.Text(account["properties.minimumTlsVersion"]));
        Assert.True(
            ArmTemplate.IsTrue(account["properties.supportsHttpsTrafficOnly"]),
            "supportsHttpsTrafficOnly must be true."
        );
        Assert.True(
            ArmTemplate.IsTrue(account["properties.defaultToOAuthAuthentication"]),
            "defaultToOAuthAuthentication must be true."
        );
        foreach (var c in infra.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
            Assert.Equal("None", ArmTemplate.Text(c["properties.publicAccess"]));
    }

    [Fact]
    public void Nothing_in_Azure_reaches_storage_with_keys_or_connection_strings()
    {
        string[] forbidden =
        [
            "listKeys(",
            "listAccountSas(",
            "listServiceSas(",
            "AccountKey=",
            "DefaultEndpointsProtocol=",
            "SharedAccessSignature=",
        ];
        var found = forbidden.Where(f => infra.TemplateText.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(found.Count == 0, "Key-based storage access in the compiled template: " + string.Join(", ", found));

        var settings = infra.AppSettings;
        Assert.False(
            settings.ContainsKey("AzureWebJobsStorage"),
            "AzureWebJobsStorage (a connection string) must not be set in Azure; "
                + "use AzureWebJobsStorage__accountName with the managed identity."
        );
        var connectionStrings = settings
            .Keys.Where(k =>
                k.Contains("CONNECTIONSTRING", StringComparison.OrdinalIgnoreCase)
                && k != "APPLICATIONINSIGHTS_CONNECTION_STRING"
            )
            .ToList();
        Assert.True(
            connectionStrings.Count == 0,
            "Connection-string settings in Azure: " + string.Join(", ", connectionStrings)
        );

        Assert.Equal("managedidentity", settings.GetValueOrDefault("AzureWebJobsStorage__credential"));
        Assert.Equal("[parameters('identityClientId')]", settings.GetValueOrDefault("AzureWebJobsStorage__clientId"));
        // The account's own endpoints (right in every cloud), not __accountName (which assumes core.windows.net).
        Assert.False(
            settings.ContainsKey("AzureWebJobsStorage__accountName"),
            "Use the service URIs: __accountName assumes the public cloud."
        );
        foreach (var service in new[] { "blob", "queue", "table" })
            Assert.Equal(
                $"[parameters('{service}Endpoint')]",
                settings.GetValueOrDefault($"AzureWebJobsStorage__{service}ServiceUri")
            );

        // Flex Consumption's deployment storage is checked on the evaluated template (CloudParameterSetTests).
    }

    [Fact]
    public void Storage_endpoints_come_from_the_account_which_knows_its_cloud()
    {
        var storage = infra.Resources.Single(r =>
            r.Type == "Microsoft.Resources/deployments" && ArmTemplate.Text(r["name"]).Contains("'storage-")
        );
        foreach (var service in new[] { "blob", "queue", "table" })
            Assert.Contains(
                $".primaryEndpoints.{service}]",
                ArmTemplate.Text(storage[$"properties.template.outputs.{service}Endpoint.value"])
            );
    }

    [GeneratedRegex(@"^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerOrQueueName();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex(@"variables\('(?<v>[^']+)'\)\.(?<p>\w+)\[copyIndex\(\)\]\)\]$")]
    private static partial Regex LoopName();

    [GeneratedRegex(@"'(?<n>[^']+)'\)\]$")]
    private static partial Regex LiteralLast();

    [GeneratedRegex(@"variables\('(?<v>[^']+)'\)\)\]$")]
    private static partial Regex VariableLast();
}

/// <summary>
/// infra/storage-names.json, which main.bicep loads with loadJsonContent: generated from StorageNames so
/// infra never keeps a second list by hand. With INFRA_UPDATE=1 the tests rewrite it before compiling.
/// </summary>
public static class StorageNamesFile
{
    public static string Path => System.IO.Path.Combine(RepoPaths.Infra, "storage-names.json");

    public static SortedDictionary<string, string[]> Expected() =>
        new()
        {
            ["containers"] = [.. StorageNames.All(typeof(StorageNames.Containers)).Order(StringComparer.Ordinal)],
            ["queues"] = [.. StorageNames.QueuesWithPoison().Order(StringComparer.Ordinal)],
            ["tables"] = [.. StorageNames.All(typeof(StorageNames.Tables)).Order(StringComparer.Ordinal)],
        };

    public static void WriteIfRequested()
    {
        if (Environment.GetEnvironmentVariable("INFRA_UPDATE") == "1")
            File.WriteAllText(
                Path,
                JsonSerializer.Serialize(Expected(), new JsonSerializerOptions { WriteIndented = true }) + "\n"
            );
    }
}
