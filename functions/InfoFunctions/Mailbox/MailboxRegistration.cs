using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Mailbox;

public static class MailboxRegistration
{
    public static IServiceCollection AddMailbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<MailboxOptions>(configuration, MailboxOptions.Section);
        services.AddSingletons(typeof(InboundSignatureVerifier), typeof(MailStore), typeof(MailProcessor),
            typeof(MailListing), typeof(MailRevisions), typeof(InboundMailService));
        return services;
    }
}
