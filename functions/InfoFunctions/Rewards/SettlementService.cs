using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoFunctions.Rewards;

/// <summary>
/// Settles a closed half-year: one sequential scan of its ledger partition folded into statements,
/// then statement rows, the payout sheet (XLSX, CSV) and the summary, all keyed by period so a re-run
/// overwrites with the same content; statements are emailed once per content. A paid period is locked.
/// </summary>
public sealed class SettlementService(
    LedgerStore ledger, SettlementStore store, CarrierNames carriers, UnitStore units, PersonStore people,
    BlobServiceClient blobs, NotificationQueue notifications, IOptions<RewardsOptions> options, TimeProvider time,
    ILogger<SettlementService> log)
{
    public static string XlsxBlob(HalfYear p) => $"{p.Key}/payout-{p.Key}.xlsx";
    public static string CsvBlob(HalfYear p) => $"{p.Key}/payout-{p.Key}.csv";

    /// <summary>
    /// Settles every period that has lines, has closed and is not settled yet (the timer's catch-up).
    /// </summary>
    public async Task<IReadOnlyList<Result<SettlementSummary>>> SettleDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var results = new List<Result<SettlementSummary>>();
        foreach (var p in await store.OpenPeriodsAsync(ct))
            if (p.IsClosedAt(now)) results.Add(await RunAsync(p, ct));
        return results;
    }

    public async Task<Result<SettlementSummary>> RunAsync(string period, CancellationToken ct) =>
        HalfYear.TryParse(period, out var p) ? await RunAsync(p, ct) : HalfYear.Invalid(period);

    /// <summary>Settles a closed period (again): 409 while it is open or once it is paid.</summary>
    public async Task<Result<SettlementSummary>> RunAsync(HalfYear period, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!period.IsClosedAt(now))
            return Problem.Conflict("period-open", $"{period.DisplayName}尚未结束（北京时间 " +
                $"{BusinessTime.ChineseDate(period.LastDay)} 24 时后方可结算）。");
        var existing = await store.GetAsync(period, ct);
        if (existing?.Summary.Status == SettlementStatus.Paid)
            return Problem.Conflict("settlement-paid", $"{period.DisplayName}的奖励已发放，结算已锁定，不能重新结算。");

        var carrierName = await carriers.GetAsync(ct);
        var unitNames = (await units.ListAsync(includeInactive: true, ct))
            .ToDictionary(u => u.Value.Id, u => u.Value.Name);
        var personUnits = (await people.ListAsync(includeInactive: true, unitId: null, ct))
            .ToDictionary(p => p.Value.Id, p => p.Value.UnitId);

        var aggregator = new StatementAggregator(period.Key, carrierName);
        await foreach (var line in ledger.ScanAsync(period, ct: ct)) aggregator.Add(line);
        var statements = aggregator.Complete().Select(s => s.PartyKind == PartyKind.Unit
                ? s with { Name = unitNames.GetValueOrDefault(s.PartyId, s.Name),
                    UnitName = unitNames.GetValueOrDefault(s.PartyId) }
                : s with { UnitId = personUnits.GetValueOrDefault(s.PartyId),
                    UnitName = personUnits.TryGetValue(s.PartyId, out var u) ? unitNames.GetValueOrDefault(u) : null })
            .ToList();
        var persons = statements.Where(s => s.PartyKind == PartyKind.Person).ToList();
        var unitStatements = statements.Where(s => s.PartyKind == PartyKind.Unit).ToList();
        var hash = Hash(statements);

        await store.WriteStatementsAsync(period, statements, ct);
        var container = blobs.GetBlobContainerClient(StorageNames.Containers.Settlements);
        await UploadAsync(container, XlsxBlob(period), PayoutSheets.Xlsx(period, persons, unitStatements),
            Xlsx.ContentType, ct);
        await UploadAsync(container, CsvBlob(period), PayoutSheets.Csv(period, persons), PayoutSheets.CsvType, ct);

        var summary = new SettlementSummary(period.Key, SettlementStatus.Settled, persons.Count, unitStatements.Count,
            aggregator.LineCount,
            persons.Sum(s => s.Points), persons.Sum(s => s.Yuan), unitStatements.Sum(s => s.Points),
            unitStatements.Sum(s => s.Yuan),
            existing?.Summary.FirstSettledAt ?? now, now, null, null, hash);
        try { await store.WriteSummaryAsync(summary, existing?.ETag, ct); }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return Problem.Conflict("settlement-busy", $"{period.DisplayName}的结算状态刚被修改（可能已标记发放），请刷新后重试。");
        }

        await NotifyAsync(period, persons, now, ct);
        log.LogInformation("已结算 {Period}：{Lines} 行，{Persons} 人，{Units} 个单位，{Yuan} 元", period.Key, aggregator.LineCount,
            persons.Count, unitStatements.Count, summary.PersonYuan);
        return summary;
    }

    private static Task UploadAsync(BlobContainerClient container, string name, byte[] bytes, string type,
        CancellationToken ct) =>
        container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type } }, ct);

    public async Task<Result<SettlementSummary>> MarkPaidAsync(string period, Principal by, CancellationToken ct) =>
        HalfYear.TryParse(period, out var p) ? await MarkPaidAsync(p, by.Id, ct) : HalfYear.Invalid(period);

    /// <summary>Marks a settled period paid, after checking no line arrived since the last run.</summary>
    public async Task<Result<SettlementSummary>> MarkPaidAsync(HalfYear period, string by, CancellationToken ct)
    {
        var existing = await store.GetAsync(period, ct);
        if (existing is null || existing.Value.Summary.Status == SettlementStatus.Open)
            return Problem.Conflict("not-settled", $"{period.DisplayName}尚未结算。");
        var (summary, etag) = existing.Value;
        if (summary.Status == SettlementStatus.Paid) return summary;
        var count = await ledger.CountAsync(period, ct);
        if (count != summary.LineCount)
            return Problem.Conflict("settlement-stale",
                $"结算后本期又写入了 {count - summary.LineCount} 行记分，请先重新结算再标记发放。");
        var paid = summary with { Status = SettlementStatus.Paid, PaidAt = time.GetUtcNow(), PaidBy = by };
        try { await store.WriteSummaryAsync(paid, etag, ct); }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return Problem.Conflict("settlement-busy", $"{period.DisplayName}的结算正在更新，请稍后重试。");
        }
        return paid;
    }

    private async Task NotifyAsync(HalfYear period, IReadOnlyList<Statement> persons, DateTimeOffset now,
        CancellationToken ct)
    {
        var deadline = BusinessTime.DayOf(now).AddDays(options.Value.ObjectionDays);
        await Parallel.ForEachAsync(persons.Where(s => !s.PartyId.StartsWith("name-", StringComparison.Ordinal)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (s, token) =>
            {
                var data = new
                {
                    recipientName = s.Name,
                    period = period.DisplayName,
                    periodRange = period.RangeText,
                    // A queue message holds 64 KiB: the email lists the first items; totals are always complete.
                    lines = s.Items.Take(60)
                        .Select(i =>
                        new { title = i.Title ?? i.TrackingNumber, carrier = i.What, issue = i.Issue ?? "",
                        points = i.Points.ToString("0.##"), reward = i.Yuan.ToString("0.00") }).ToList(),
                    totalPoints = s.Points.ToString("0.##"),
                    totalReward = s.Yuan.ToString("0.00"),
                    objectionDeadline = BusinessTime.ChineseDate(deadline),
                };
                // One email per statement content: an identical re-run sends nothing, a changed statement is sent
                // again.
                var key = $"half-year-statement:{period.Key}:{s.PartyId}:{Hash([s])[..12]}";
                await notifications.EnqueueAsync(NotificationMessage.Create(key, Templates.HalfYearStatement,
                    NotificationTo.Person(s.PartyId), data), token);
            });
    }

    private static string Hash(IEnumerable<Statement> statements)
    {
        var sb = new StringBuilder();
        foreach (var s in statements)
            sb.Append(JsonSerializer.Serialize(s with { UnitName = null }, Json.Options)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
