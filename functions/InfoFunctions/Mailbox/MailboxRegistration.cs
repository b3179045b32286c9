using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Mailbox;

public static class MailboxRegistration
{
    public static IServiceCollection AddMailbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailboxOptions>().Bind(configuration.GetSection(MailboxOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboundSignatureVerifier>();
        services.AddSingleton<MailStore>();
        services.AddSingleton<MailProcessor>();
        services.AddSingleton<MailListing>();
        services.AddSingleton<MailRevisions>();
        services.AddSingleton<InboundMailService>();
        return services;
    }
}
