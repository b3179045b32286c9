using System.Diagnostics;
using InfoFunctions.Notifications;

namespace InfoFunctions.Dispatch;

/// <summary>Generates, stores, lists and hands out the 通报, and tells the leaders when one is ready.</summary>
public sealed class BulletinService(
    IBulletinSource source, BulletinStore store, NotificationQueue notifications,
    IOptions<NotificationOptions> notificationOptions, TimeProvider time, ILogger<BulletinService> log)
{
    /// <summary>An editor's request: the period must have started; leaders are told.</summary>
    public async Task<Result<Bulletin>> GenerateAsync(string period, CancellationToken ct)
    {
        if (!DispatchPeriod.TryParse(period, out var parsed)) return DispatchPeriod.Invalid(period);
        var p = parsed.Value;
        if (p.From > time.GetUtcNow()) return Problem.Invalid("period-not-started", $"{p.ChineseName}尚未开始。");
        var (bulletin, timing) = await GenerateAsync(p, notify: true, ct);
        log.LogInformation("通报 {Period}: 读取 {Read} ms，生成 {Build} ms，写入 {Write} ms", p.Id,
            timing.Reading.TotalMilliseconds, timing.Building.TotalMilliseconds, timing.Writing.TotalMilliseconds);
        return bulletin;
    }

    public async Task<(Bulletin Bulletin, BulletinTiming Timing)> GenerateAsync(
        DispatchPeriod period, bool notify, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var inputs = await source.LoadAsync(period, ct);
        var reading = sw.Elapsed;
        var (bulletin, docx, xlsx) = Produce(inputs, time.GetUtcNow());
        var building = sw.Elapsed - reading;
        await store.WriteAsync(bulletin, docx, xlsx, ct);
        var writing = sw.Elapsed - reading - building;
        if (notify) await AnnounceAsync(period, bulletin, ct);
        return (bulletin, new BulletinTiming(reading, building, writing));
    }

    private string PortalUrl => notificationOptions.Value.PortalUrl.TrimEnd('/');

    private Task AnnounceAsync(DispatchPeriod period, Bulletin bulletin, CancellationToken ct) =>
        notifications.EnqueueAsync(NotificationMessage.Create(
            $"bulletin:{period.Id}:{bulletin.GeneratedAt.ToUnixTimeMilliseconds()}",
            Templates.DispatchReportReady, NotificationTo.RoleIn(Role.Leader), new
            {
                period = period.ChineseName,
                submitted = bulletin.Totals.Submitted,
                adopted = bulletin.Totals.Adopted,
                adoptionRate = BulletinBuilder.Percent(bulletin.Totals.AdoptionRate),
                topUnits = bulletin.TopUnits.Select(u => new
                {
                    rank = u.Rank,
                    unitName = u.UnitName,
                    submitted = u.Submitted,
                    adopted = u.Adopted,
                }),
                reportUrl = $"{PortalUrl}/api/dispatch/bulletins/{period.Id}/docx",
            }), ct);

    /// <summary>The pure part: figures, Word and workbook.</summary>
    public static (Bulletin Bulletin, byte[] Docx, byte[] Xlsx) Produce(BulletinInputs inputs, DateTimeOffset now)
    {
        var bulletin = BulletinBuilder.Build(inputs, now);
        return (bulletin, BulletinDocuments.Word(bulletin), BulletinDocuments.Excel(bulletin));
    }

    /// <summary>The timer's job: the period that just closed (Beijing time), unless it is already there.</summary>
    public async Task<Bulletin?> EnsureClosedPeriodAsync(CancellationToken ct)
    {
        var period = DispatchPeriod.Containing(time.GetUtcNow()).Previous;
        if (await store.ExistsAsync(period.Id, ct)) return null;
        return (await GenerateAsync(period, notify: true, ct)).Bulletin;
    }

    public async Task<IReadOnlyList<BulletinListItem>> ListAsync(CancellationToken ct)
    {
        var items = new List<BulletinListItem>();
        foreach (var p in (await store.PeriodsAsync(ct)).OrderDescending(StringComparer.Ordinal))
        {
            if (!DispatchPeriod.TryParse(p, out var period)) continue;
            if (await store.ReadAsync(BulletinStore.FileName(p, "json"), ct) is not { } json) continue;
            var b = Json.Deserialize<Bulletin>(Encoding.UTF8.GetString(json))!;
            items.Add(new BulletinListItem(p, period.Value.ChineseName, b.GeneratedAt,
                $"/api/dispatch/bulletins/{p}", $"/api/dispatch/bulletins/{p}/docx",
                    $"/api/dispatch/bulletins/{p}/xlsx"));
        }
        return items;
    }

    /// <summary>The stored JSON as it was written.</summary>
    public async Task<Result<FileDownload>> ReadAsync(string period, CancellationToken ct)
    {
        if (!DispatchPeriod.TryParse(period, out var parsed)) return DispatchPeriod.Invalid(period);
        var p = parsed.Value;
        return await store.ReadAsync(BulletinStore.FileName(p.Id, "json"), ct) is { } json
            ? new FileDownload(json, BulletinStore.JsonType)
            : Problem.NotFound($"{p.ChineseName}的通报（可由编辑生成）");
    }

    /// <summary>The Word document or the workbook, named in Chinese.</summary>
    public async Task<Result<FileDownload>> DownloadAsync(string period, string format, CancellationToken ct)
    {
        if (!DispatchPeriod.TryParse(period, out var parsed)) return DispatchPeriod.Invalid(period);
        var p = parsed.Value;
        var type = format switch { "docx" => BulletinStore.DocxType, "xlsx" => BulletinStore.XlsxType, _ => null };
        if (type is null) return Problem.NotFound("该格式（可选 docx、xlsx）");
        return await store.ReadAsync(BulletinStore.FileName(p.Id, format), ct) is { } bytes
            ? new FileDownload(bytes, type, $"{p.ChineseName}信息通报.{format}", $"bulletin-{p.Id}.{format}")
            : Problem.NotFound($"{p.ChineseName}的通报");
    }
}
