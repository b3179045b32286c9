using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace InfoFunctions.LocalHost;

/// <summary>
/// Runs one timer function as the host does: a 6-field NCRONTAB schedule (or a TimeSpan),
/// schedule status kept in <c>azure-webjobs-hosts/timers/...</c> so an occurrence missed while
/// stopped runs at start with <c>IsPastDue</c>, and <c>RunOnStartup</c>. Schedules are UTC.
/// </summary>
public sealed class TimerRunner(
    FunctionDescriptor fn,
    BlobServiceClient blobs,
    IConfiguration config,
    TimeProvider time,
    IServiceProvider services,
    ILogger<TimerRunner> log
) : BackgroundService
{
    public const string HostsContainer = "azure-webjobs-hosts";
    private static readonly TimeSpan MaxSlice = TimeSpan.FromMinutes(10);
    public string Schedule { get; } = Settings.Resolve(fn.Schedule!, config);

    public static string StatusBlobName(string hostId, FunctionDescriptor fn) =>
        $"timers/{hostId}/{fn.Method.DeclaringType!.FullName}.{fn.Method.Name}/status";

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var next = ParseSchedule(Schedule);
        var container = blobs.GetBlobContainerClient(HostsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: stopping);
        var statusBlob = container.GetBlobClient(
            StatusBlobName(config["AzureFunctionsWebHost:hostid"] ?? "infofunctions-localhost", fn)
        );

        var status = await ReadStatusAsync(statusBlob, stopping);
        var now = time.GetUtcNow().UtcDateTime;
        if (status is not null && status.Next < now)
            await RunAsync(statusBlob, next, isPastDue: true, status, stopping);
        else if (fn.RunOnStartup)
            await RunAsync(statusBlob, next, isPastDue: false, status, stopping);
        else if (status is null)
            await WriteStatusAsync(
                statusBlob,
                new ScheduleStatus
                {
                    Last = default,
                    Next = next(now),
                    LastUpdated = now,
                },
                stopping
            );

        var due = next(time.GetUtcNow().UtcDateTime);
        while (!stopping.IsCancellationRequested)
        {
            // Wait in slices: Task.Delay cannot wait ~50 days, and clocks may be adjusted.
            var wait = due - time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait < MaxSlice ? wait : MaxSlice, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }
            await RunAsync(statusBlob, next, isPastDue: false, await ReadStatusAsync(statusBlob, stopping), stopping);
            due = next(time.GetUtcNow().UtcDateTime);
        }
    }

    private async Task RunAsync(
        BlobClient statusBlob,
        Func<DateTime, DateTime> next,
        bool isPastDue,
        ScheduleStatus? previous,
        CancellationToken ct
    )
    {
        var now = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = previous?.Last ?? default,
                Next = next(now),
                LastUpdated = previous?.LastUpdated ?? default,
            },
        };
        try
        {
            await Invoker.InvokeAsync(
                services,
                fn,
                (ParameterInfo p, out object? value) =>
                {
                    value = p.ParameterType == typeof(TimerInfo) ? info : null;
                    return value is not null;
                },
                ct
            );
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Timer function {Function} failed", fn.Name);
        }
        var after = time.GetUtcNow().UtcDateTime;
        await WriteStatusAsync(
            statusBlob,
            new ScheduleStatus
            {
                Last = now,
                Next = next(after),
                LastUpdated = after,
            },
            CancellationToken.None
        );
    }

    /// <summary>A function from "now" to the next occurrence after it, in UTC.</summary>
    public static Func<DateTime, DateTime> ParseSchedule(string schedule)
    {
        if (TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero)
            return now => now + every;
        var cron =
            CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException(
                $"定时器表达式无效：“{schedule}”（应为 6 段 NCRONTAB，如 0 0 2 * * *）。"
            );
        return now => DateTime.SpecifyKind(cron.GetNextOccurrence(now), DateTimeKind.Utc);
    }

    private static async Task<ScheduleStatus?> ReadStatusAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            var content = await blob.DownloadContentAsync(ct);
            return JsonSerializer.Deserialize<ScheduleStatus>(content.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static Task WriteStatusAsync(BlobClient blob, ScheduleStatus status, CancellationToken ct) =>
        blob.UploadAsync(BinaryData.FromObjectAsJson(status), overwrite: true, ct);
}
