using InfoFunctions.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Rewards;

public static class RewardsRegistration
{
    public static IServiceCollection AddRewards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RewardsOptions>().Bind(configuration.GetSection(RewardsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LedgerStore>();
        // The 通报 reads points from the ledger.
        services.AddSingleton<IPointsSource, LedgerPoints>();
        services.AddSingleton<ReportLedgerStore>();
        services.AddSingleton<StandardStore>();
        services.AddSingleton<SettlementStore>();
        services.AddSingleton<DirectoryNames>();
        services.AddSingleton<LedgerProcessor>();
        services.AddSingleton<SettlementService>();
        services.AddSingleton<StandardsService>();
        services.AddSingleton<ContestService>();
        services.AddSingleton<AssessmentService>();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<SettlementReader>();
        return services;
    }
}
