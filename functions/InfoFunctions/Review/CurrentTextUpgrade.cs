using InfoFunctions.Submissions;
using Microsoft.Extensions.Hosting;

namespace InfoFunctions.Review;

/// <summary>
/// Once per storage account: reports edited before the report row carried the current text still hold version 1 on
/// the row. Each gets its latest version's text on the row and its original stored as <c>key~v0001</c>, as an edit
/// now does, so lists, search and every reader see the latest text. Runs in the background at start; a mark in the
/// reports table makes later starts one point read.
/// </summary>
public sealed class CurrentTextUpgrade(ReportStore reports, ReviewStore store, TimeProvider time,
    ILogger<CurrentTextUpgrade> log) : IHostedService
{
    public const string Name = "current-text";
    private Task _run = Task.CompletedTask;
    private readonly CancellationTokenSource _stop = new();

    public Task StartAsync(CancellationToken ct)
    {
        _run = Task.Run(async () =>
        {
            try
            {
                if (!await reports.IsUpgradedAsync(Name, _stop.Token)) await RunAsync(_stop.Token);
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "稿件当前文本升级未完成，下次启动时重试。");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Upgrades every report that needs it (safe to repeat), then marks the upgrade done.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var edited = new HashSet<string>();
        await foreach (var row in reports.BesideAnyAsync<Azure.Data.Tables.TableEntity>("version", "RowKey ne ''", ct))
            edited.Add(ReportRows.ReportIdOf(row.PartitionKey, row.RowKey));
        var upgraded = 0;
        foreach (var id in edited)
            for (var attempt = 0; attempt < 5; attempt++)
            {
                if (await reports.GetAsync(id, ct) is not { Report: { Version: 1 } report, ETag: var etag }) break;
                var versions = await store.VersionsAsync(report, ct);
                if (versions.Count == 1) break;
                var (updated, rows) = ReviewStore.WithVersion(report, report, versions[^1]);
                if (!await reports.ReplaceAsync(updated, etag, rows, ct)) continue;
                upgraded++;
                break;
            }
        await reports.MarkUpgradedAsync(Name, time.GetUtcNow(), ct);
        log.LogInformation("稿件当前文本升级完成：{Count} 篇。", upgraded);
        return upgraded;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_run, Task.Delay(Timeout.Infinite, ct));
    }
}
