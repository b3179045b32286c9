using Azure.Core;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.ApplicationInsights;

namespace InfoFunctions.Hosting;

/// <summary>
/// Application Insights for the isolated worker (the host has its own): worker logs at Information and above,
/// dependencies and exceptions go straight to App Insights with the invocation id (<see cref="InvocationLog"/>).
/// Reads <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>; with <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// <c>Authorization=AAD</c> (infra disables key-based ingestion) it signs in with the app's managed identity.
/// </summary>
public static class Telemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddInfoFunctionsTelemetry(this IServiceCollection services,
        IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        if (ManagedIdentity(configuration[AuthenticationSetting]) is { } credential)
            services.Configure<TelemetryConfiguration>(c => c.SetAzureTokenCredential(credential));
        // The SDK adds a rule that keeps only Warning and above from every category; the app's Information
        // lines (the ops lines the saved queries read among them) are wanted.
        services.Configure<LoggerFilterOptions>(o =>
        {
            var provider = typeof(ApplicationInsightsLoggerProvider).FullName;
            if (o.Rules.FirstOrDefault(r => r.ProviderName == provider) is { } rule) o.Rules.Remove(rule);
        });
        return services;
    }

    /// <summary>
    /// The managed identity named by <c>ClientId=…;Authorization=AAD</c>, or null for key-based ingestion.
    /// </summary>
    public static TokenCredential? ManagedIdentity(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind)
            || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
            return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
