using InfoFunctions.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Review;

public static class ReviewRegistration
{
    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FormatChecks>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<FingerprintStore>();
        services.AddSingleton<EditorAssigner>();
        services.AddSingleton<EvidenceService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<PoisonQueues>();
        services.AddSingleton<IntakeProcessor>();
        services.AddSingleton<CurrentTextUpgrade>();
        services.AddHostedService(sp => sp.GetRequiredService<CurrentTextUpgrade>());
        // The 通报 counts adoptions from this register; the office reads it through the API.
        services.AddSingleton<AdoptionRegister>();
        services.AddSingleton<IAdoptionSource>(sp => sp.GetRequiredService<AdoptionRegister>());
        return services;
    }
}
