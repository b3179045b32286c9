using InfoFunctions.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InfoFunctions.Review;

public static class ReviewRegistration
{
    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<FingerprintStore>();
        services.AddSingleton<EditorAssigner>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<IntakeProcessor>();
        // Dispatch registers the real calendar; without it nobody rotates in.
        return services;
    }
}
