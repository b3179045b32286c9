using System.Text.Json.Nodes;
using InfoFunctions.Operations;
using InfoFunctions.Platform;

namespace InfoFunctions.Infra.Tests;

/// <summary>
/// The template evaluated for public Azure and for Azure operated by 21Vianet: endpoints, hosting plan,
/// sign-in authority, mail sender, alerts, blob soft delete and the backup and upload lifecycle.
/// </summary>
[Collection("clouds")]
public sealed class CloudParameterSetTests(CloudSnapshots clouds)
{
    private const string Tenant = "11111111-1111-1111-1111-111111111111";

    // Host names of one cloud or another: none may be written into the template.
    private static readonly string[] CloudHosts =
    [
        "core.windows.net", "azurewebsites.net", "login.microsoftonline.com", "vault.azure.net", "management.azure.com",
        "applicationinsights.azure.com", "chinacloudapi.cn", "chinacloudsites.cn", "azure.cn", "usgovcloudapi.net",
    ];

    private static string Kql(string path) =>
        File.ReadAllText(RepoPaths.Of(["infra", "monitoring", .. path.Split('/')]));

    private static string Get(JsonNode? node, string path) => ArmTemplate.Text(ArmTemplate.At(node, path));
    private static bool Is(JsonNode? node, string path) => ArmTemplate.IsTrue(ArmTemplate.At(node, path));
    private static string First(JsonNode? node, string path) => ArmTemplate.Text(ArmTemplate.At(node, path)?[0]);

    [Fact]
    public void Neither_cloud_has_a_hard_coded_endpoint_and_storage_uses_the_accounts_own()
    {
        foreach (var cloud in clouds.Both)
        {
            var found = CloudHosts.Where(h => cloud.Text.Contains(h, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(found.Count == 0, $"{cloud.Cloud}: hard-coded endpoint suffixes {string.Join(", ", found)}");
            foreach (var service in new[] { "blob", "queue", "table" })
                Assert.Contains($"outputs.{service}Endpoint.value",
                    cloud.AppSettings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }
    }

    [Fact]
    public void Sign_in_uses_each_clouds_own_Entra_authority()
    {
        string Issuer(CloudSnapshot c) => c.Evaluate(ArmTemplate.At(
            c.OfType("Microsoft.Web/sites/config").Single(r => ArmTemplate.Text(r["name"]).EndsWith("/authsettingsV2")),
            "properties.identityProviders.azureActiveDirectory.registration.openIdIssuer"));
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/v2.0", Issuer(clouds.Public));
        Assert.Equal($"https://login.chinacloudapi.cn/{Tenant}/v2.0", Issuer(clouds.China));
    }

    [Fact]
    public void Public_Azure_runs_on_Flex_Consumption_and_sends_with_SendGrid()
    {
        var c = clouds.Public;
        var plan = c.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", Get(plan, "sku.name"));
        Assert.Equal("FlexConsumption", Get(plan, "sku.tier"));
        var site = c.Single("Microsoft.Web/sites");
        Assert.Equal("dotnet-isolated", Get(site, "properties.functionAppConfig.runtime.name"));
        Assert.Equal("10.0", Get(site, "properties.functionAppConfig.runtime.version"));
        Assert.Equal("2048", Get(site, "properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"));
        Assert.Null(ArmTemplate.At(site, "properties.siteConfig.linuxFxVersion"));
        var deployment = ArmTemplate.At(site, "properties.functionAppConfig.deployment.storage");
        Assert.Equal("UserAssignedIdentity", Get(deployment, "authentication.type"));
        Assert.Null(ArmTemplate.At(deployment, "authentication.storageAccountConnectionStringName"));
        var settings = c.AppSettings;
        // Flex Consumption rejects these.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Notifications__SendGridApiKey"]);
        Assert.Equal("", settings["Notifications__SmtpHost"]);
        Assert.Equal("", settings["Notifications__SmtpPassword"]);
        Assert.Equal(["bootstrap-admin-token", "sendgrid-api-key"], SecretNames(c));
        Assert.Equal("Standard_LRS", Get(c.Single("Microsoft.Storage/storageAccounts"), "sku.name"));
    }

    [Fact]
    public void China_runs_on_Elastic_Premium_without_keys_and_sends_over_SMTP()
    {
        var c = clouds.China;
        var plan = c.Single("Microsoft.Web/serverfarms");
        Assert.Equal("EP1", Get(plan, "sku.name"));
        Assert.Equal("ElasticPremium", Get(plan, "sku.tier"));
        Assert.Equal("elastic", ArmTemplate.Text(plan["kind"]));
        Assert.True(Is(plan, "properties.reserved"), "Linux: reserved must be true.");
        var site = c.Single("Microsoft.Web/sites");
        Assert.Null(ArmTemplate.At(site, "properties.functionAppConfig"));
        Assert.Equal("DOTNET-ISOLATED|10.0", Get(site, "properties.siteConfig.linuxFxVersion"));
        var settings = c.AppSettings;
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("1", settings["WEBSITE_RUN_FROM_PACKAGE"]);
        // No Azure Files content share: it would need an account key.
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal));
        Assert.Equal("smtp.exmail.qq.com", settings["Notifications__SmtpHost"]);
        Assert.Equal("465", settings["Notifications__SmtpPort"]);
        Assert.Equal("xinxi@example.gov.cn", settings["Notifications__SmtpUserName"]);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Notifications__SmtpPassword"]);
        Assert.Equal("", settings["Notifications__SendGridApiKey"]);
        Assert.Equal(["bootstrap-admin-token", "smtp-password"], SecretNames(c));
        Assert.Equal("Standard_GRS", Get(c.Single("Microsoft.Storage/storageAccounts"), "sku.name"));
    }

    [Fact]
    public void Alerts_email_the_admins_on_poison_failures_and_a_late_settlement()
    {
        foreach (var c in clouds.Both)
        {
            var group = c.Single("Microsoft.Insights/actionGroups");
            Assert.True(Is(group, "properties.enabled"), $"{c.Cloud}: the action group is off.");
            Assert.Equal(["admin1@example.gov.cn", "admin2@example.gov.cn"],
                (ArmTemplate.At(group, "properties.emailReceivers") as JsonArray ?? [])
                    .Select(r => ArmTemplate.Text(r?["emailAddress"])));

            var rules = c.OfType("Microsoft.Insights/scheduledQueryRules")
                .ToDictionary(r => ArmTemplate.Text(r["name"]).Split('-', 2)[1]);
            var expected = new Dictionary<string, string>
            {
                ["poison-queue"] = Kql("alerts/poison-queue.kql"),
                ["failure-rate"] = Kql("alerts/failure-rate.kql"),
                ["settlement-overdue"] = Kql("alerts/settlement-overdue.kql").Replace("__GRACE_HOURS__", "36"),
            };
            foreach (var (name, query) in expected)
            {
                var rule = rules.Single(r => r.Key.StartsWith(name + "-", StringComparison.Ordinal)).Value;
                Assert.True(Is(rule, "properties.enabled"), $"{c.Cloud}: {name} is off.");
                var criterion = ArmTemplate.At(rule, "properties.criteria.allOf")?[0];
                Assert.Equal(query, Get(criterion, "query"));
                Assert.Equal("GreaterThan", Get(criterion, "operator"));
                Assert.Equal(ArmTemplate.Text(group["id"]), First(rule, "properties.actions.actionGroups"));
                Assert.Contains("Microsoft.OperationalInsights/workspaces/", First(rule, "properties.scopes"));
            }
            Assert.Contains("hoursSinceClose > 36", expected["settlement-overdue"]);
        }
    }

    [Fact]
    public void Saved_queries_are_in_the_workspace()
    {
        foreach (var c in clouds.Both)
        {
            var saved = c.OfType("Microsoft.OperationalInsights/workspaces/savedSearches")
                .ToDictionary(s => ArmTemplate.Text(s["name"]).Split('/')[^1], s => Get(s, "properties.query"));
            Assert.Equal(["intake-latency", "mail-by-outcome", "notices-failed", "reports-per-day"],
                saved.Keys.Order());
            foreach (var (name, query) in saved)
                Assert.Equal(Kql($"queries/{name}.kql"), query);
        }
    }

    [Fact]
    public void Blobs_have_versioning_soft_delete_and_lifecycles_for_backups_and_staged_uploads()
    {
        foreach (var (c, retention) in new[] { (clouds.Public, 30), (clouds.China, 60) })
        {
            var service = c.Single("Microsoft.Storage/storageAccounts/blobServices");
            Assert.True(Is(service, "properties.isVersioningEnabled"), $"{c.Cloud}: blob versioning is off.");
            foreach (var policy in new[] { "deleteRetentionPolicy", "containerDeleteRetentionPolicy" })
            {
                Assert.True(Is(service, $"properties.{policy}.enabled"), $"{c.Cloud}: {policy} is off.");
                Assert.Equal("14", Get(service, $"properties.{policy}.days"));
            }

            var lifecycle = c.Single("Microsoft.Storage/storageAccounts/managementPolicies");
            var rules = (ArmTemplate.At(lifecycle, "properties.policy.rules") as JsonArray ?? [])
                .OfType<JsonObject>().ToList();
            var backups = rules.Single(r => ArmTemplate.Text(r["name"]) == "backup-retention");
            Assert.Equal(StorageNames.Containers.Backups + "/" + BackupArchive.NightsPrefix,
                ArmTemplate.Text(ArmTemplate.At(backups, "definition.filters.prefixMatch")?[0]));
            Assert.Equal(retention.ToString(),
                Get(backups, "definition.actions.baseBlob.delete.daysAfterModificationGreaterThan"));
            // The content store is pruned by the app, never by age: a blob unchanged for months is still in
            // tonight's backup.
            var content = rules
                .Where(r => Get(r, "definition.filters.prefixMatch").Contains(BackupArchive.ContentPrefix)).ToList();
            Assert.DoesNotContain(content, r => Get(r, "definition.actions").Contains("delete"));
            Assert.Equal(StorageNames.Containers.Backups + "/" + BackupArchive.ContentPrefix,
                ArmTemplate.Text(ArmTemplate.At(Assert.Single(content), "definition.filters.prefixMatch")?[0]));
            // Unconfirmed uploads: the app removes them after their link expires; the rule the day after.
            var uploads = rules.Single(r => ArmTemplate.Text(r["name"]) == "staged-uploads");
            Assert.Equal(StorageNames.Containers.Uploads + "/",
                ArmTemplate.Text(Assert.Single(ArmTemplate.At(uploads, "definition.filters.prefixMatch") as JsonArray
                    ?? [])));
            Assert.Equal("1", Get(uploads, "definition.actions.baseBlob.delete.daysAfterModificationGreaterThan"));
            Assert.Equal("1", Get(uploads, "definition.actions.version.delete.daysAfterCreationGreaterThan"));
            var versions = rules.Single(r => ArmTemplate.Text(r["name"]) == "old-versions");
            Assert.Equal("14", Get(versions, "definition.actions.version.delete.daysAfterCreationGreaterThan"));
        }
    }

    private static List<string> SecretNames(CloudSnapshot c) =>
        c.OfType("Microsoft.KeyVault/vaults/secrets")
            .Select(s => ArmTemplate.Text(s["name"]).Split('/')[^1]).Order().ToList();
}
