using InfoFunctions.Submissions;

namespace InfoFunctions.Rewards;

/// <summary>
/// Applies one <see cref="LedgerMessage"/>: computes its lines from the report's ledger state (once;
/// a redelivery finds the recorded lines and rewrites the same keys, adding nothing), moves lines of a
/// settled period to the next open one as adjustments, and appends them.
/// </summary>
public sealed class LedgerProcessor(
    ReportLedgerStore reports, LedgerStore ledger, StandardStore standards, SettlementStore settlements,
    DirectoryNames directory, ReportStore reportStore, ILogger<LedgerProcessor> log)
{
    public async Task<IReadOnlyList<LedgerLine>> ProcessAsync(LedgerMessage m, CancellationToken ct)
    {
        var problems = Validate(m);
        if (problems.Count > 0) throw new ArgumentException("记分消息无效：" + string.Join(" ", problems));

        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await reports.GetAppliedAsync(m.ReportId, m.EventId, ct) is { } applied)
            {
                await WriteAsync(applied.Lines, ct);
                return applied.Lines;
            }
            var (state, etag, sequence) = await reports.GetStateAsync(m.ReportId, ct);
            var date = BusinessTime.DayOf(m.OccurredAt);
            var standard = RewardStandard.InForce(await standards.ListAsync(ct), date)
                ?? throw new InvalidOperationException($"没有在 {BusinessTime.Format(date)} 生效的积分与奖励标准，" +
                    $"无法记分（事项 {m.EventId}）。请管理员先发布标准。");
            var message = m.Title is null ? m with { Title = await TitleAsync(m.ReportId, ct) } : m;
            var outcome = LedgerRules.Apply(state, message, standard, await directory.CarriersAsync(ct),
                await directory.UnitsAsync(ct));
            var lines = await AssignPeriodsAsync(outcome.Lines, ct);
            if (await reports.TryRecordAsync(m.ReportId, etag, sequence + 1, outcome.State, message, lines, ct))
            {
                await WriteAsync(lines, ct);
                log.LogInformation("记分 {EventId}（{Kind}，稿件 {Tracking}）：{Count} 行", m.EventId, m.Kind, m.TrackingNumber,
                    lines.Count);
                return lines;
            }
            // Another fact about the same report (or this one, redelivered) was recorded first: start over from its
            // state.
            await Task.Delay(Random.Shared.Next(5, 50), ct);
        }
        throw new InvalidOperationException($"稿件 {m.ReportId} 的记分持续冲突，稍后重试。");
    }

    public static IReadOnlyList<string> Validate(LedgerMessage m)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(m.EventId)) errors.Add("缺少事项编号（eventId）。");
        if (string.IsNullOrWhiteSpace(m.ReportId)) errors.Add("缺少稿件编号（reportId）。");
        if (m.Authors is null) errors.Add("缺少作者（authors）。");
        else if (m.Authors.Any(a =>
            a is null
            || (string.IsNullOrWhiteSpace(a.PersonId)
            && string.IsNullOrWhiteSpace(a.Name)))) errors.Add("作者须有人员编号或姓名。");
        if (m.OccurredAt == default) errors.Add("缺少发生时间（occurredAt）。");
        if (m.Kind is LedgerEventKind.Adoption
            && string.IsNullOrWhiteSpace(m.CarrierId)) errors.Add("采用事项须注明载体（carrierId）。");
        if (m.Kind is LedgerEventKind.AdoptionCorrection
            && string.IsNullOrWhiteSpace(m.ReplacesEventId)) errors.Add("更正事项须注明被更正的事项（replacesEventId）。");
        return errors;
    }

    /// <summary>
    /// A line whose period is already settled goes to the first later period that is not, flagged as an adjustment.
    /// </summary>
    private async Task<IReadOnlyList<LedgerLine>> AssignPeriodsAsync(IReadOnlyList<LedgerLine> lines,
        CancellationToken ct)
    {
        var result = new List<LedgerLine>(lines.Count);
        var target = new Dictionary<string, HalfYear>();
        foreach (var l in lines)
        {
            if (!target.TryGetValue(l.Period, out var to))
            {
                HalfYear.TryParse(l.Period, out to);
                while (await settlements.IsSettledAsync(to, ct)) to = to.Next;
                target[l.Period] = to;
            }
            if (to.Key == l.Period) { result.Add(l); continue; }
            HalfYear.TryParse(l.Period, out var original);
            result.Add(l with
            {
                Period = to.Key,
                Adjustment = true,
                OriginalPeriod = l.Period,
                Reason = $"跨期调整（原属{original.DisplayName}，该期已结算）：{l.Reason}",
            });
        }
        return result;
    }

    private async Task WriteAsync(IReadOnlyList<LedgerLine> lines, CancellationToken ct)
    {
        foreach (var p in lines.Select(l => l.Period).Distinct())
            if (HalfYear.TryParse(p, out var period)) await settlements.RegisterAsync(period, ct);
        await ledger.AppendAsync(lines, ct);
    }

    private async Task<string?> TitleAsync(string reportId, CancellationToken ct)
    {
        try { return (await reportStore.GetAsync(reportId, ct))?.Report.Title; }
        catch (Azure.RequestFailedException) { return null; }
    }
}
