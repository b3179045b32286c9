using InfoFunctions.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Rewards;

public static class RewardsRegistration
{
    public static IServiceCollection AddRewards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<RewardsOptions>(configuration, RewardsOptions.Section);
        services.AddSingletons(typeof(LedgerStore), typeof(ReportLedgerStore), typeof(StandardStore),
            typeof(SettlementStore), typeof(DirectoryNames), typeof(LedgerProcessor), typeof(SettlementService),
            typeof(StandardsService), typeof(ContestService), typeof(AssessmentService), typeof(LedgerReader),
            typeof(SettlementReader));
        // The 通报 reads points from the ledger.
        services.AddSingleton<IPointsSource, LedgerPoints>();
        return services;
    }
}
