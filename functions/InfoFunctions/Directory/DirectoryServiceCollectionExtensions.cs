using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.DirectoryFeature;

public static class DirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectoryOptions>().Bind(configuration.GetSection(DirectoryOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UnitStore>();
        services.AddSingleton<PersonStore>();
        services.AddSingleton<CarrierStore>();
        services.AddSingleton<DirectoryService>();
        services.AddSingleton<DirectoryImporter>();
        services.AddSingleton<PersonLookup>();
        services.AddSingleton<IPersonLookup>(sp => sp.GetRequiredService<PersonLookup>());
        services.AddSingleton<IRecipientDirectory>(sp => sp.GetRequiredService<PersonLookup>());
        return services;
    }
}
