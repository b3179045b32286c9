using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfoFunctions.Infra.Tests;

/// <summary>Flex Consumption hosting, HTTPS/TLS, and App Service Authentication.</summary>
[Collection("infra")]
public sealed class FunctionAppTests(InfraFixture infra)
{
    [Fact]
    public void Hosting_plan_is_a_parameter_defaulting_to_Flex_Consumption_with_dotnet_isolated_10()
    {
        var hostingPlan = infra.Template["parameters"]?["hostingPlan"];
        Assert.Equal("FlexConsumption", ArmTemplate.Text(hostingPlan?["defaultValue"]));
        Assert.Equal(
            ["FlexConsumption", "ElasticPremium"],
            (hostingPlan?["allowedValues"] as JsonArray ?? []).Select(v => ArmTemplate.Text(v))
        );
        var mainParameters = infra.Template["parameters"] as JsonObject ?? [];
        Assert.True(
            mainParameters.ContainsKey("instanceMemoryMB") && mainParameters.ContainsKey("maximumInstanceCount"),
            "instanceMemoryMB and maximumInstanceCount must be parameters of infra/main.bicep."
        );

        var site = infra.Site;
        Assert.Equal("functionapp,linux", ArmTemplate.Text(site["kind"]));
        Assert.Contains("azd-service-name", ArmTemplate.Text(site["tags"]));
        Assert.Equal("UserAssigned", ArmTemplate.Text(site["identity.type"]));
        // What each plan gets is asserted on the evaluated templates (CloudParameterSetTests).
    }

    [Fact]
    public void App_is_HTTPS_only_with_TLS_1_2()
    {
        var site = infra.Site;
        Assert.True(ArmTemplate.IsTrue(site["properties.httpsOnly"]), "httpsOnly must be true.");
        Assert.Equal("1.2", ArmTemplate.Text(site["properties.siteConfig.minTlsVersion"]));
        Assert.Equal("1.2", ArmTemplate.Text(site["properties.siteConfig.scmMinTlsVersion"]));
        Assert.Equal("Disabled", ArmTemplate.Text(site["properties.siteConfig.ftpsState"]));
    }

    [Fact]
    public void Easy_Auth_is_on_with_Entra_ID_and_leaves_health_and_webhooks_to_the_app()
    {
        var auth = infra
            .OfType("Microsoft.Web/sites/config")
            .SingleOrDefault(c => ArmTemplate.Text(c["name"]).Contains("'authsettingsV2'"));
        Assert.True(auth is not null, "No authsettingsV2 config: App Service Authentication is off.");
        Assert.Equal(JsonValueKind.True, auth["properties.platform.enabled"]?.GetValueKind());
        Assert.Equal(
            JsonValueKind.True,
            auth["properties.identityProviders.azureActiveDirectory.enabled"]?.GetValueKind()
        );
        Assert.Equal(
            "[parameters('entraClientId')]",
            ArmTemplate.Text(auth["properties.identityProviders.azureActiveDirectory.registration.clientId"])
        );
        Assert.Contains(
            "parameters('entraTenantId')",
            ArmTemplate.Text(auth["properties.identityProviders.azureActiveDirectory.registration.openIdIssuer"])
        );
        Assert.True(ArmTemplate.IsTrue(auth["properties.httpSettings.requireHttps"]), "Easy Auth must require HTTPS.");
        Assert.NotEqual(
            "RedirectToLoginPage",
            ArmTemplate.Text(auth["properties.globalValidation.unauthenticatedClientAction"])
        );

        var excluded = (auth["properties.globalValidation.excludedPaths"] as JsonArray ?? [])
            .Select(p => ArmTemplate.Text(p))
            .ToList();
        if (
            excluded.Count == 0
            && ArmTemplate.Text(auth["properties.globalValidation.excludedPaths"]) is var expr
            && expr.StartsWith("[variables('")
        )
            excluded = (auth.Variable(expr[12..^3]) as JsonArray ?? []).Select(p => ArmTemplate.Text(p)).ToList();
        Assert.Contains("/api/health", excluded);
        Assert.Contains("/api/inbound/mail", excluded);
        Assert.Contains("/api/notifications/events", excluded);

        // The app trusts X-MS-CLIENT-PRINCIPAL only when told Easy Auth is really on.
        Assert.Equal("true", infra.AppSettings.GetValueOrDefault("Auth__EasyAuthEnabled"));
    }
}
