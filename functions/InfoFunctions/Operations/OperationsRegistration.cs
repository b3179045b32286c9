using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Operations;

public static class OperationsRegistration
{
    /// <summary>Backups, restore and the monitor that feeds infra's alerts.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingletons(typeof(BackupService), typeof(RestoreService), typeof(OpsMonitor));
        return services;
    }
}
