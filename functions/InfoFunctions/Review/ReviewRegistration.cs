using InfoFunctions.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Review;

public static class ReviewRegistration
{
    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<ReviewOptions>(configuration, ReviewOptions.Section);
        services.AddSingletons(typeof(FormatChecks), typeof(ReviewStore), typeof(FingerprintStore),
            typeof(EditorAssigner), typeof(EvidenceService), typeof(ReviewService), typeof(ReviewQueries),
            typeof(PoisonQueues), typeof(IntakeProcessor), typeof(CurrentTextUpgrade));
        services.AddHostedService(sp => sp.GetRequiredService<CurrentTextUpgrade>());
        // The 通报 counts adoptions from this register; the office reads it through the API.
        services.AddSingleton<AdoptionRegister>();
        services.AddSingleton<IAdoptionSource>(sp => sp.GetRequiredService<AdoptionRegister>());
        return services;
    }
}
