using System.Text.Json;

namespace InfoFunctions.Infra.Tests;

/// <summary>
/// Every setting the app reads (as listed in local.settings.sample.json) has a value in Azure, unless
/// infra/local-only-settings.json says why not.
/// </summary>
[Collection("infra")]
public sealed class AppSettingsTests(InfraFixture infra)
{
    private static IReadOnlyList<string> SampleSettings()
    {
        using var doc = InfraFixture.ReadJson("local.settings.sample.json");
        return doc.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
    }

    private static IReadOnlyDictionary<string, string> LocalOnly()
    {
        using var doc = InfraFixture.ReadJson("infra", "local-only-settings.json");
        return doc
            .RootElement.GetProperty("settings")
            .EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    private static bool IsLocalOnly(string setting, IReadOnlyDictionary<string, string> localOnly) =>
        localOnly.Keys.Any(k =>
            k.EndsWith('*')
                ? setting.StartsWith(k[..^1], StringComparison.OrdinalIgnoreCase)
                : setting.Equals(k, StringComparison.OrdinalIgnoreCase)
        );

    [Fact]
    public void Every_sample_setting_has_a_value_in_Azure_or_a_documented_reason()
    {
        var deployed = infra.AppSettings;
        var localOnly = LocalOnly();
        var missing = SampleSettings()
            .Where(s => !IsLocalOnly(s, localOnly))
            .Where(s => string.IsNullOrWhiteSpace(deployed.GetValueOrDefault(s)))
            .ToList();
        Assert.True(
            missing.Count == 0,
            "Settings the app reads (local.settings.sample.json) with no value in the deployed configuration: "
                + $"{string.Join(", ", missing)}.\n"
                + "Add each as { name: '<setting>', value: '<Azure value>' } to appSettings in "
                + "infra/modules/functionapp.bicep (secrets: a Key Vault secret in infra/modules/keyvault.bicep "
                + "and an @Microsoft.KeyVault(SecretUri=...) reference), "
                + "or, if it only makes sense locally, list it with its reason in infra/local-only-settings.json."
        );
    }

    [Fact]
    public void Local_only_settings_are_explained_and_not_deployed()
    {
        var localOnly = LocalOnly();
        Assert.All(
            localOnly,
            kv =>
                Assert.True(
                    kv.Value.Trim().Length >= 20,
                    $"infra/local-only-settings.json: give a reason for '{kv.Key}'."
                )
        );
        var deployedAnyway = infra.AppSettings.Keys.Where(k => IsLocalOnly(k, localOnly)).ToList();
        Assert.True(
            deployedAnyway.Count == 0,
            "Listed as local-only but set in Azure: " + string.Join(", ", deployedAnyway)
        );
    }

    [Fact]
    public void Deployed_settings_are_unique()
    {
        var names = infra.AppSettingList.Select(s => ArmTemplate.Text(s["name"])).ToList();
        Assert.NotEmpty(names);
        var dupes = names
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.True(dupes.Count == 0, "App settings set twice: " + string.Join(", ", dupes));
    }

    [Theory]
    [InlineData("Auth__BootstrapAdminToken")]
    [InlineData("Notifications__SendGridApiKey")]
    [InlineData("Notifications__SmtpPassword")]
    public void Secrets_come_from_Key_Vault_through_the_app_identity(string setting)
    {
        // Optional secrets go through keyVaultReference(), which is empty when the secret is not set.
        var value = infra.AppSettings.GetValueOrDefault(setting) ?? "";
        var helper = ArmTemplate.Text(ArmTemplate.At(infra.Site.Template, "functions"));
        Assert.True(
            value.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", StringComparison.Ordinal)
                || (value.Contains(".keyVaultReference(") && helper.Contains("@Microsoft.KeyVault(SecretUri={0})")),
            $"{setting} is not a Key Vault reference: {value}"
        );
        Assert.Equal(
            "[parameters('identityId')]",
            ArmTemplate.Text(infra.Site["properties.keyVaultReferenceIdentity"])
        );
        var vault = infra.Single("Microsoft.KeyVault/vaults");
        Assert.True(
            ArmTemplate.IsTrue(vault["properties.enableRbacAuthorization"]),
            "Key Vault must use RBAC (no access policies)."
        );
    }

    [Fact]
    public void Telemetry_uses_Entra_ID_and_Application_Insights_has_local_auth_disabled()
    {
        var ai = infra.Single("Microsoft.Insights/components");
        Assert.True(
            ArmTemplate.IsTrue(ai["properties.DisableLocalAuth"]),
            "Application Insights must have DisableLocalAuth true."
        );
        Assert.Contains(
            "Microsoft.OperationalInsights/workspaces",
            ArmTemplate.Text(ai["properties.WorkspaceResourceId"])
        );
        Assert.Contains(
            "Authorization=AAD",
            infra.AppSettings.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") ?? ""
        );
        Assert.Contains(
            "ClientId=",
            infra.AppSettings.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") ?? ""
        );
        Assert.False(
            string.IsNullOrEmpty(infra.AppSettings.GetValueOrDefault("APPLICATIONINSIGHTS_CONNECTION_STRING"))
        );
    }
}
