using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Submissions;

public static class SubmissionsRegistration
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubmissionsOptions>().Bind(configuration.GetSection(SubmissionsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackingNumbers>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<OpenUploads>();
        services.AddSingleton<Receipts>();
        services.AddSingleton<IOutboxSource, ReceivedReports>();
        return services;
    }
}
