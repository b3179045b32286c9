using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Platform;

/// <summary>The two idioms every feature's registration uses.</summary>
public static class ServiceRegistration
{
    /// <summary>Binds a settings section, checked by its data annotations at start, not on first use.</summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section) where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>One instance of each for the app's life: stores and services keep no per-request state.</summary>
    public static IServiceCollection AddSingletons(this IServiceCollection services, params Type[] types)
    {
        foreach (var type in types) services.AddSingleton(type);
        return services;
    }
}
