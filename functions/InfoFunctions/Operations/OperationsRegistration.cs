using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Operations;

public static class OperationsRegistration
{
    /// <summary>Backups, restore and the monitor that feeds infra's alerts.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<BackupService>();
        services.AddSingleton<RestoreService>();
        services.AddSingleton<OpsMonitor>();
        return services;
    }
}
