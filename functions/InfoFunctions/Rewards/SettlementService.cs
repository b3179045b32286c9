using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Notifications;

namespace InfoFunctions.Rewards;

/// <summary>
/// Settles a closed half-year: one sequential scan of its ledger partition folded into statements,
/// then statement rows, the payout sheet (XLSX, CSV) and the summary, all keyed by period so a re-run
/// overwrites with the same content; statements are emailed once per content, their notices committed with the
/// summary in its outbox. A paid period is locked.
/// </summary>
public sealed class SettlementService(
    LedgerStore ledger, SettlementStore store, DirectoryNames directory, PersonStore people,
    BlobServiceClient blobs, MessageOutbox outbox, IOptions<RewardsOptions> options, TimeProvider time,
    ILogger<SettlementService> log)
{
    public static string XlsxBlob(HalfYear p) => $"{p.Key}/payout-{p.Key}.xlsx";
    public static string CsvBlob(HalfYear p) => $"{p.Key}/payout-{p.Key}.csv";

    /// <summary>Who settles when the timer does.</summary>
    public const string Timer = "system";
    public const string EmptyCode = "settlement-empty";

    /// <summary>
    /// Settles every period that has lines, has closed and is not settled yet (the timer's catch-up). A period
    /// without lines (one reopened and still empty) waits: only an admin settles a period empty.
    /// </summary>
    public async Task<IReadOnlyList<Result<SettlementSummary>>> SettleDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var results = new List<Result<SettlementSummary>>();
        foreach (var p in await store.OpenPeriodsAsync(ct))
            if (p.IsClosedAt(now) && await RunAsync(p, Timer, confirmEmpty: false, ct) is var r
                && r.Problem?.Code != EmptyCode) results.Add(r);
        return results;
    }

    public async Task<Result<SettlementSummary>> RunAsync(string period, Principal by, bool confirmEmpty,
        CancellationToken ct) =>
        HalfYear.TryParse(period, out var p) ? await RunAsync(p, by.Id, confirmEmpty, ct) : HalfYear.Invalid(period);

    /// <summary>
    /// Settles a closed period (again): 409 while it is open or once it is paid, and 409 <c>settlement-empty</c> for a
    /// period without lines unless <paramref name="confirmEmpty"/>: once settled, facts dated in it go to the next
    /// period.
    /// </summary>
    public async Task<Result<SettlementSummary>> RunAsync(HalfYear period, string by, bool confirmEmpty,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!period.IsClosedAt(now))
            return Problem.Conflict("period-open", $"{period.DisplayName}尚未结束（北京时间 " +
                $"{BusinessTime.ChineseDate(period.LastDay)} 24 时后方可结算）。");
        var existing = await store.GetAsync(period, ct);
        if (existing?.Summary.Status == SettlementStatus.Paid)
            return Problem.Conflict("settlement-paid", $"{period.DisplayName}的奖励已发放，结算已锁定，不能重新结算。");

        var carrierName = await directory.CarriersAsync(ct);
        var unitName = await directory.UnitsAsync(ct);
        var personUnits = (await people.ListAsync(includeInactive: true, unitId: null, ct))
            .ToDictionary(p => p.Value.Id, p => p.Value.UnitId);

        var aggregator = new StatementAggregator(period.Key, carrierName);
        await foreach (var line in ledger.ScanAsync(period, ct: ct)) aggregator.Add(line);
        if (aggregator.LineCount == 0 && !confirmEmpty)
            return Problem.Conflict(EmptyCode, $"{period.DisplayName}没有任何记分。结算后该期即告锁定，此后登记的该期事项将计入下一期；" +
                "如确认结算空期，请以 confirmEmpty=true 再次结算。");
        var statements = aggregator.Complete().Select(s => s.PartyKind == PartyKind.Unit
                ? s with { Name = unitName(s.PartyId), UnitName = unitName(s.PartyId) }
                : s with
                {
                    UnitId = personUnits.GetValueOrDefault(s.PartyId),
                    UnitName = personUnits.TryGetValue(s.PartyId, out var u) ? unitName(u) : null
                })
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
            existing?.Summary.FirstSettledAt ?? now, now, null, null, hash,
            [.. existing?.Summary.History ?? [], new SettlementEvent("settled", now, by,
                aggregator.LineCount == 0 ? "空期结算（管理员已确认）" : $"{aggregator.LineCount} 行记分")]);
        // The statements' notices are committed with the summary (its outbox) and sent right after.
        var notices = await outbox.StageAsync(StorageNames.Tables.Settlements, period.Key,
            Notices(period, persons, now), ct);
        try { await store.WriteSummaryAsync(summary, existing?.ETag, notices, ct); }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return Problem.Conflict("settlement-busy", $"{period.DisplayName}的结算状态刚被修改（可能已标记发放），请刷新后重试。");
        }

        await outbox.SendAsync(notices);
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
        var now = time.GetUtcNow();
        var paid = summary with
        {
            Status = SettlementStatus.Paid,
            PaidAt = now,
            PaidBy = by,
            History = [.. summary.History ?? [], new SettlementEvent("paid", now, by)],
        };
        try { await store.WriteSummaryAsync(paid, etag, ct: ct); }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return Problem.Conflict("settlement-busy", $"{period.DisplayName}的结算正在更新，请稍后重试。");
        }
        return paid;
    }

    public async Task<Result<SettlementSummary>> ReopenAsync(string period, Principal by, string? reason,
        CancellationToken ct) =>
        HalfYear.TryParse(period, out var p) ? await ReopenAsync(p, by.Id, reason, ct) : HalfYear.Invalid(period);

    /// <summary>
    /// Opens a settled, unpaid period again, so facts dated in it count there rather than in the next period; the
    /// reason goes into its history. A later run settles it again.
    /// </summary>
    public async Task<Result<SettlementSummary>> ReopenAsync(HalfYear period, string by, string? reason,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Problem.Field("reason", "请说明重新开放结算的原因。");
        var existing = await store.GetAsync(period, ct);
        if (existing is not { Summary: var summary, ETag: var etag } || summary.Status == SettlementStatus.Open)
            return Problem.Conflict("not-settled", $"{period.DisplayName}尚未结算，无需重新开放。");
        if (summary.Status == SettlementStatus.Paid)
            return Problem.Conflict("settlement-paid", $"{period.DisplayName}的奖励已发放，结算已锁定，不能重新开放。");
        var reopened = summary with
        {
            Status = SettlementStatus.Open,
            History = [.. summary.History ?? [], new SettlementEvent("reopened", time.GetUtcNow(), by, reason.Trim())],
        };
        try { await store.WriteSummaryAsync(reopened, etag, ct: ct); }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return Problem.Conflict("settlement-busy", $"{period.DisplayName}的结算状态刚被修改，请刷新后重试。");
        }
        log.LogInformation("已重新开放 {Period} 的结算：{Reason}", period.Key, reason);
        return reopened;
    }

    private IEnumerable<OutboxMessage> Notices(HalfYear period, IReadOnlyList<Statement> persons, DateTimeOffset now)
    {
        var deadline = BusinessTime.DayOf(now).AddDays(options.Value.ObjectionDays);
        foreach (var s in persons.Where(s => !s.PartyId.StartsWith("name-", StringComparison.Ordinal)))
        {
            var data = new
            {
                recipientName = s.Name,
                period = period.DisplayName,
                periodRange = period.RangeText,
                // A queue message holds 64 KiB: the email lists the first items; totals are always complete.
                lines = s.Items.Take(60)
                    .Select(i =>
                    new
                    {
                        title = i.Title ?? i.TrackingNumber,
                        carrier = i.What,
                        issue = i.Issue ?? "",
                        points = Amounts.Points(i.Points),
                        reward = Amounts.Yuan(i.Yuan),
                        note = i.Note
                    }).ToList(),
                totalPoints = Amounts.Points(s.Points),
                totalReward = Amounts.Yuan(s.Yuan),
                objectionDeadline = BusinessTime.ChineseDate(deadline),
            };
            // One email per statement content: an identical re-run sends nothing, a changed statement is sent again.
            var key = $"half-year-statement:{period.Key}:{s.PartyId}:{Hash([s])[..12]}";
            yield return NotificationQueue.Outgoing(NotificationMessage.Create(key, Templates.HalfYearStatement,
                NotificationTo.Person(s.PartyId), data));
        }
    }

    private static string Hash(IEnumerable<Statement> statements)
    {
        var sb = new StringBuilder();
        foreach (var s in statements)
            sb.Append(JsonSerializer.Serialize(s with { UnitName = null }, Json.Options)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
