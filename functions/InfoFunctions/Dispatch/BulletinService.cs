using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;

namespace InfoFunctions.Dispatch;

public sealed record BulletinListItem(string Period, string PeriodName, DateTimeOffset GeneratedAt, string JsonUrl, string DocxUrl, string XlsxUrl);

/// <summary>How long a generation took, split into reading storage and building the outputs.</summary>
public sealed record BulletinTiming(TimeSpan Reading, TimeSpan Building, TimeSpan Writing);

/// <summary>
/// The 通报 in Blob Storage: <c>&lt;period&gt;/bulletin.json</c>, <c>.docx</c> and <c>.xlsx</c>.
/// The JSON is written last, so its presence means the three files are complete.
/// </summary>
public sealed class BulletinStore(BlobServiceClient blobs)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.Containers.Bulletins);

    public static string FileName(string period, string ext) => $"{period}/bulletin.{ext}";

    public async Task WriteAsync(Bulletin b, byte[] docx, byte[] xlsx, CancellationToken ct)
    {
        await Upload(FileName(b.Period, "docx"), docx, DocxType, ct);
        await Upload(FileName(b.Period, "xlsx"), xlsx, XlsxType, ct);
        await Upload(FileName(b.Period, "json"), System.Text.Encoding.UTF8.GetBytes(Json.Serialize(b)), "application/json; charset=utf-8", ct);
    }

    public async Task Upload(string name, byte[] bytes, string contentType, CancellationToken ct) =>
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);

    public async Task<byte[]?> ReadAsync(string name, CancellationToken ct)
    {
        try { return (await _container.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content.ToArray(); }
        catch (RequestFailedException ex) when (ex.Status == 404) { return null; }
    }

    public async Task<bool> ExistsAsync(string period, CancellationToken ct) => (await _container.GetBlobClient(FileName(period, "json")).ExistsAsync(ct)).Value;

    public async Task<IReadOnlyList<string>> PeriodsAsync(CancellationToken ct)
    {
        var list = new List<string>();
        await foreach (var b in _container.GetBlobsAsync(cancellationToken: ct))
            if (b.Name.EndsWith("/bulletin.json", StringComparison.Ordinal)) list.Add(b.Name[..b.Name.IndexOf('/')]);
        return list;
    }
}

/// <summary>Generates, stores and announces the 通报.</summary>
public sealed class BulletinService(IBulletinSource source, BulletinStore store, NotificationQueue notifications, Microsoft.Extensions.Options.IOptions<NotificationOptions> notificationOptions, TimeProvider time)
{
    public async Task<(Bulletin Bulletin, BulletinTiming Timing)> GenerateAsync(DispatchPeriod period, bool notify, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var inputs = await source.LoadAsync(period, ct);
        var reading = sw.Elapsed;
        var (bulletin, docx, xlsx) = Produce(inputs, time.GetUtcNow());
        var building = sw.Elapsed - reading;
        await store.WriteAsync(bulletin, docx, xlsx, ct);
        var writing = sw.Elapsed - reading - building;
        if (notify)
            await notifications.EnqueueAsync(NotificationMessage.Create($"bulletin:{period.Id}:{bulletin.GeneratedAt.ToUnixTimeMilliseconds()}",
                Templates.DispatchReportReady, NotificationTo.RoleIn(Role.Leader), new
                {
                    period = period.ChineseName,
                    submitted = bulletin.Totals.Submitted,
                    adopted = bulletin.Totals.Adopted,
                    adoptionRate = BulletinBuilder.Percent(bulletin.Totals.AdoptionRate),
                    topUnits = bulletin.TopUnits.Select(u => new { rank = u.Rank, unitName = u.UnitName, submitted = u.Submitted, adopted = u.Adopted }),
                    reportUrl = $"{notificationOptions.Value.PortalUrl.TrimEnd('/')}/api/dispatch/bulletins/{period.Id}/docx",
                }), ct);
        return (bulletin, new BulletinTiming(reading, building, writing));
    }

    /// <summary>The pure part: figures, Word and workbook.</summary>
    public static (Bulletin Bulletin, byte[] Docx, byte[] Xlsx) Produce(BulletinInputs inputs, DateTimeOffset now)
    {
        var bulletin = BulletinBuilder.Build(inputs, now);
        return (bulletin, BulletinDocuments.Word(bulletin), BulletinDocuments.Excel(bulletin));
    }

    /// <summary>The timer's job: the period that just closed (CST), unless it is already there.</summary>
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
            var b = Json.Deserialize<Bulletin>(System.Text.Encoding.UTF8.GetString(json))!;
            items.Add(new BulletinListItem(p, period.Value.ChineseName, b.GeneratedAt,
                $"/api/dispatch/bulletins/{p}", $"/api/dispatch/bulletins/{p}/docx", $"/api/dispatch/bulletins/{p}/xlsx"));
        }
        return items;
    }
}
