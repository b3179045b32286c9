using InfoFunctions.DirectoryFeature.Import;
using InfoFunctions.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.DirectoryFeature;

public static class DirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<DirectoryOptions>(configuration, DirectoryOptions.Section);
        services.AddSingletons(typeof(UnitStore), typeof(PersonStore), typeof(CarrierStore), typeof(DirectoryService),
            typeof(DirectoryImporter), typeof(PersonLookup));
        services.AddSingleton<IPersonLookup>(sp => sp.GetRequiredService<PersonLookup>());
        services.AddSingleton<IRecipientDirectory>(sp => sp.GetRequiredService<PersonLookup>());
        return services;
    }
}
