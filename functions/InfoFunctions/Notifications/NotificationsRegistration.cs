using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// Notifications: the queue producer, the worker's services, and the sender chosen by settings:
    /// <c>Notifications__SendGridApiKey</c> (SendGrid), else <c>Notifications__SmtpHost</c> (a mail server),
    /// else the outbox container.
    /// Needs an <see cref="IRecipientDirectory"/>, registered by the Directory feature.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<NotificationOptions>(configuration, NotificationOptions.Section)
            // Empty in Azure unless a custom domain is set: the platform's own host name, right in every cloud.
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.PortalUrl))
                    o.PortalUrl = configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host
                        ? $"https://{host}" : "http://localhost:7071";
            });
        services.AddSingletons(typeof(NotificationQueue), typeof(TemplateRenderer), typeof(RetryPause),
            typeof(DeliveryLog), typeof(PreferenceStore), typeof(PreferenceService), typeof(FailingAddressStore),
            typeof(Outbox), typeof(SmtpEmailSender), typeof(NotificationProcessor), typeof(EventSignatureVerifier),
            typeof(DeliveryEventHandler));
        services.AddSingleton(sp => new SendGridEmailSender(
            sp.GetRequiredService<IOptions<NotificationOptions>>(), sp.GetRequiredService<RetryPause>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SendGridEmailSender>>()));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value switch
        {
            { UsesSendGrid: true } => sp.GetRequiredService<SendGridEmailSender>(),
            { UsesSmtp: true } => sp.GetRequiredService<SmtpEmailSender>(),
            _ => sp.GetRequiredService<Outbox>(),
        });
        return services;
    }
}
