using System.Text.RegularExpressions;

namespace InfoFunctions.Infra.Tests;

/// <summary>The app's identity has exactly the data roles it needs, each on the one resource that needs it.</summary>
[Collection("infra")]
public sealed partial class RoleAssignmentTests(InfraFixture infra)
{
    private static readonly Dictionary<string, string> RoleNames = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["db58b8e5-c6ad-4a2a-8342-4190687cbf4a"] = "Storage Blob Delegator",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    private static readonly string[] Expected =
    [
        "Storage Blob Data Owner on Microsoft.Storage/storageAccounts",
        "Storage Queue Data Contributor on Microsoft.Storage/storageAccounts",
        "Storage Table Data Contributor on Microsoft.Storage/storageAccounts",
        "Storage Blob Delegator on Microsoft.Storage/storageAccounts",
        "Key Vault Secrets User on Microsoft.KeyVault/vaults",
        "Monitoring Metrics Publisher on Microsoft.Insights/components",
    ];

    [Fact]
    public void Identity_has_exactly_the_needed_roles_at_the_narrowest_scope()
    {
        var actual = infra.OfType("Microsoft.Authorization/roleAssignments").Select(Describe).ToList();
        var missing = Expected.Except(actual).ToList();
        var extra = actual.Except(Expected).ToList();
        var duplicated = actual.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && duplicated.Count == 0,
            $"Role assignments differ from what the app needs.\nMissing: {string.Join("; ", missing)}\n"
                + $"Broader or unexpected: {string.Join("; ", extra)}\nDuplicated: {string.Join("; ", duplicated)}"
        );
    }

    [Fact]
    public void Every_role_goes_to_the_user_assigned_identity_as_a_service_principal()
    {
        foreach (var r in infra.OfType("Microsoft.Authorization/roleAssignments"))
        {
            Assert.Contains(
                "Microsoft.ManagedIdentity/userAssignedIdentities",
                ArmTemplate.Text(r["properties.principalId"])
            );
            Assert.Equal("ServicePrincipal", ArmTemplate.Text(r["properties.principalType"]));
        }
    }

    private static string Describe(ArmResource r)
    {
        var definition = Inline(r, ArmTemplate.Text(r["properties.roleDefinitionId"]));
        var role = Guid().Match(definition) is { Success: true } g
            ? RoleNames.GetValueOrDefault(g.Value, "role " + g.Value)
            : "role " + definition;
        // No scope means the whole resource group (or subscription): broader than any data role needs.
        var scope = ScopeType().Match(ArmTemplate.Text(r["scope"])) is { Success: true } s
            ? s.Groups["t"].Value
            : "resource group or wider";
        return $"{role} on {scope}";
    }

    private static string Inline(ArmResource r, string expression) =>
        VariableRef().Replace(expression, m => $"'{ArmTemplate.Text(r.Variable(m.Groups["v"].Value))}'");

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^\[resourceId\('(?<t>[^']+)'")]
    private static partial Regex ScopeType();

    [GeneratedRegex(@"variables\('(?<v>[^']+)'\)")]
    private static partial Regex VariableRef();
}
