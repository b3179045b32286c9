using InfoFunctions.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InfoFunctions.Dispatch;

public static class DispatchRegistration
{
    /// <summary>
    /// Call after AddDirectory: it wraps the directory's person lookup so rotating staff hold the editor role.
    /// The 通报 reads adoptions (<see cref="IAdoptionSource"/>) from review and points (<see cref="IPointsSource"/>)
    /// from rewards, which register them.
    /// </summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<DispatchOptions>(configuration, DispatchOptions.Section);
        services.AddSingletons(typeof(ReportReader), typeof(TopicStore), typeof(TopicService), typeof(TopicReminders),
            typeof(TargetStore), typeof(TargetService), typeof(RotationStore), typeof(RotationService),
            typeof(BulletinStore), typeof(BulletinService), typeof(SpecialIssueService));
        services.AddSingleton<IRotationCalendar>(sp => sp.GetRequiredService<RotationStore>());
        services.TryAddSingleton<IBulletinSource, StorageBulletinSource>();

        WrapDirectory(services);
        return services;
    }

    /// <summary>
    /// Replaces the directory's IPersonLookup and IRecipientDirectory registrations with one
    /// <see cref="RotationAwareDirectory"/> around whatever they produced, so identity and notices see rotation.
    /// </summary>
    private static void WrapDirectory(IServiceCollection services)
    {
        var lookup = services.LastOrDefault(d => d.ServiceType == typeof(IPersonLookup));
        var recipients = services.LastOrDefault(d => d.ServiceType == typeof(IRecipientDirectory));
        if (lookup is null || recipients is null) return; // no directory registered: nothing to wrap
        services.Remove(lookup);
        services.Remove(recipients);
        services.AddSingleton(sp => new RotationAwareDirectory(
            (IPersonLookup)Resolve(sp, lookup), (IRecipientDirectory)Resolve(sp, recipients),
            sp.GetRequiredService<IRotationCalendar>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPersonLookup>(sp => sp.GetRequiredService<RotationAwareDirectory>());
        services.AddSingleton<IRecipientDirectory>(sp => sp.GetRequiredService<RotationAwareDirectory>());
    }

    private static object Resolve(IServiceProvider sp, ServiceDescriptor d) =>
        d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!);
}
