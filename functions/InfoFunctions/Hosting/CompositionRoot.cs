using Azure.Core.Serialization;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Mailbox;
using InfoFunctions.Notifications;
using InfoFunctions.Operations;
using InfoFunctions.Review;
using InfoFunctions.Rewards;
using InfoFunctions.Submissions;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfoFunctions.Hosting;

public static class CompositionRoot
{
    /// <summary>The one composition root, used by Program.cs and by LocalHost alike.</summary>
    public static IServiceCollection AddInfoFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // GB2312/GBK/GB18030 mail and CSV files (GB labels read as GB18030).
        ChineseEncodings.Register();

        services.AddSingleton(TimeProvider.System);
        // Queue POCOs are read with the same JSON rules the producers write with.
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(Json.Options));
        services.AddStorage(configuration);

        services.AddCheckedOptions<AuthOptions>(configuration, AuthOptions.Section);
        services.AddSingletons(typeof(AccessTokenStore), typeof(PrincipalCache), typeof(Authenticator),
            typeof(TokenService), typeof(HttpGate), typeof(Health.ReadinessCheck), typeof(HttpGateMiddleware),
            typeof(InvocationScopeMiddleware));
        services.AddDirectory(configuration);

        services.AddNotifications(configuration);
        services.AddSubmissions(configuration);
        services.AddMailbox(configuration);
        services.AddReview(configuration);
        services.AddDispatch(configuration);
        services.AddRewards(configuration);
        services.AddOperations();
        services.AddSingleton<ConsoleFeature.ConsoleAssets>();

        return services;
    }

    private static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageConnection.From(configuration);
        services.AddSingleton(storage);
        services.AddAzureClients(b =>
        {
            if (storage.Credential is not null) b.UseCredential(storage.Credential);
            // Bounded waits: a storage outage answers 503 within seconds instead of hanging requests.
            var limits = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
            b.ConfigureDefaults(o =>
            {
                o.Retry.NetworkTimeout = TimeSpan.FromSeconds(limits.TimeoutSeconds);
                o.Retry.MaxRetries = limits.MaxRetries;
                o.Retry.Mode = Azure.Core.RetryMode.Exponential;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(2);
            });
            b.AddClient<TableServiceClient, TableClientOptions>((o, cred) =>
                storage.ConnectionString is { } cs ? new TableServiceClient(cs, o)
                    : new TableServiceClient(storage.TableUri!, cred, o));
            b.AddClient<BlobServiceClient, BlobClientOptions>((o, cred) =>
                storage.ConnectionString is { } cs ? new BlobServiceClient(cs, o)
                    : new BlobServiceClient(storage.BlobUri!, cred, o));
            b.AddClient<QueueServiceClient, QueueClientOptions>((o, cred) =>
            {
                // The host reads queue messages as base64; every producer must write them so.
                o.MessageEncoding = QueueMessageEncoding.Base64;
                return storage.ConnectionString is { } cs ? new QueueServiceClient(cs, o)
                    : new QueueServiceClient(storage.QueueUri!, cred, o);
            });
        });
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddHostedService<StorageBootstrap>();

        services.AddCheckedOptions<OutboxOptions>(configuration, OutboxOptions.Section);
        services.AddSingletons(typeof(OutboxMarks), typeof(MessageOutbox), typeof(OutboxSweeper));
    }
}
