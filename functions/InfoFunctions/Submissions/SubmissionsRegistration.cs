using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Submissions;

public static class SubmissionsRegistration
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<SubmissionsOptions>(configuration, SubmissionsOptions.Section);
        services.AddSingletons(typeof(TrackingNumbers), typeof(ReportStore), typeof(AttachmentStore),
            typeof(IntakeService), typeof(SubmissionService), typeof(ReportService), typeof(AttachmentService),
            typeof(OpenUploads), typeof(Receipts));
        services.AddSingleton<IOutboxSource, ReceivedReports>();
        return services;
    }
}
