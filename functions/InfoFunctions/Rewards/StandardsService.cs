namespace InfoFunctions.Rewards;

/// <summary>Versions of 积分与奖励标准: append-only, and never starting inside a settled period.</summary>
public sealed class StandardsService(
    StandardStore store, SettlementStore settlements, LedgerStore ledger, ReportLedgerStore reports,
    DirectoryNames directory, TimeProvider time)
{
    public Task<IReadOnlyList<RewardStandard>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    /// <summary>The proposed standard, or 400 <c>invalid-standard</c> listing what is wrong with it.</summary>
    public static Result<RewardStandard> Parse(StandardInput input, int version, DateTimeOffset now, string by)
    {
        var errors = new List<FieldError>();
        if (!BusinessTime.TryParseDay(input.EffectiveFrom, out var from))
            errors.Add(new("effectiveFrom", $"生效日期（effectiveFrom）须为 {InputRules.DayHint} 格式的北京日期。"));
        var rule = MultiCarrierRule.HighestOnly;
        if (input.MultiCarrier is { } mc && !Enum.TryParse(mc.Replace("-", ""), ignoreCase: true, out rule))
            errors.Add(new("multiCarrier",
                "多载体采用计奖方式（multiCarrier）只能是 highestOnly（按最高计）或 cumulative（累计）。"));
        var s = new RewardStandard(version, from, input.Carriers ?? [], input.EndorsementBonuses ?? [],
            input.Penalties ?? [], rule, input.GradeRewards ?? [],
            string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(), now, by);
        if (errors.Count == 0) errors.AddRange(s.Validate());
        return errors.Count == 0
            ? s
            : Problem.Invalid("invalid-standard", "标准内容有误：" + string.Join(" ", errors.Select(e => e.Message)),
                errors);
    }

    public async Task<Result<RewardStandard>> CreateAsync(StandardInput input, Principal by, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var versions = await store.ListAsync(ct);
            var parsed = Parse(input, versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1, time.GetUtcNow(),
                by.Id);
            if (!parsed.IsOk) return parsed;
            var standard = parsed.Value;
            if (await LatestSettledAsync(ct) is { } settled && standard.EffectiveFrom <= settled.LastDay)
                return Problem.Conflict("period-settled", $"{settled.DisplayName}已结算，新标准只能自 " +
                    $"{BusinessTime.Format(settled.Next.FirstDay)} 起生效；已结算期间的标准不能更改。");
            if (await store.AddAsync(standard, ct)) return standard;
        }
        return Problem.Conflict("version-conflict", "标准版本号冲突，请重试。");
    }

    /// <summary>Loads the demo standard as version 1 effective from 2014-01-01 when no standard exists yet.</summary>
    public async Task<Saved<RewardStandard>> LoadDemoAsync(Principal by, CancellationToken ct)
    {
        var versions = await store.ListAsync(ct);
        if (versions.Count > 0) return new(versions[^1], IsNew: false);
        var demo = RewardStandard.Demo(1, new DateOnly(2014, 1, 1), time.GetUtcNow(), by.Id);
        return await store.AddAsync(demo, ct) ? new(demo, IsNew: true)
            : new((await store.ListAsync(ct))[^1], IsNew: false);
    }

    /// <summary>What <paramref name="input"/> would change in the open half-year; stores nothing.</summary>
    public async Task<Result<StandardPreview>> PreviewAsync(StandardInput input, Principal by, CancellationToken ct)
    {
        var parsed = Parse(input, 0, DateTimeOffset.UnixEpoch, by.Id);
        return parsed.IsOk ? await PreviewAsync(parsed.Value, ct) : parsed.Problem!;
    }

    private async Task<HalfYear?> LatestSettledAsync(CancellationToken ct)
    {
        HalfYear? latest = null;
        foreach (var s in await settlements.ListAsync(ct))
            if (s.Status != SettlementStatus.Open && HalfYear.TryParse(s.Period, out var p)
                && (latest is null || p > latest)) latest = p;
        return latest;
    }

    /// <summary>
    /// What the open half-year's statements would be had <paramref name="proposed"/> been in force for
    /// all of it: every report with lines in the period is replayed fact by fact (earlier periods' facts
    /// under the versions that rated them) and compared, party by party, with the ledger. Writes nothing.
    /// </summary>
    private async Task<StandardPreview> PreviewAsync(RewardStandard proposed, CancellationToken ct)
    {
        var open = HalfYear.Of(time.GetUtcNow());
        while (await settlements.IsSettledAsync(open, ct)) open = open.Next;
        var versions = await store.ListAsync(ct);
        var names = await directory.CarriersAsync(ct);

        var current = new Dictionary<string, (string Name, decimal Points, decimal Yuan)>();
        var reportIds = new HashSet<string>();
        await foreach (var l in ledger.ScanAsync(open, ct: ct))
        {
            var c = current.GetValueOrDefault(l.PartyKey, (l.PartyName, 0m, 0m));
            current[l.PartyKey] = (c.Item1, c.Item2 + l.Points, c.Item3 + l.Yuan);
            reportIds.Add(l.ReportId);
        }

        var proposedSums = new Dictionary<string, (string Name, decimal Points, decimal Yuan)>();
        foreach (var reportId in reportIds)
        {
            var state = ReportLedgerState.Empty;
            foreach (var applied in await reports.ListAppliedAsync(reportId, ct))
            {
                var inOpen = applied.Lines.Any(l => l.Period == open.Key);
                var standard = inOpen ? proposed with { Version = 0 }
                    : RewardStandard.InForce(versions, BusinessTime.DayOf(applied.Message.OccurredAt));
                if (standard is null) continue;
                var outcome = LedgerRules.Apply(state, applied.Message, standard, names);
                state = outcome.State;
                if (!inOpen) continue;
                foreach (var l in outcome.Lines)
                {
                    var p = proposedSums.GetValueOrDefault(l.PartyKey, (l.PartyName, 0m, 0m));
                    proposedSums[l.PartyKey] = (p.Item1, p.Item2 + l.Points, p.Item3 + l.Yuan);
                }
            }
        }

        var rows = current.Keys.Union(proposedSums.Keys).Order(StringComparer.Ordinal).Select(key =>
        {
            var (kind, id) = LedgerKeys.ParseParty(key);
            var c = current.GetValueOrDefault(key, ("", 0m, 0m));
            var p = proposedSums.GetValueOrDefault(key, ("", 0m, 0m));
            return new PreviewRow(kind.ToString().ToLowerInvariant(), id, c.Item1.Length > 0 ? c.Item1 : p.Item1,
                c.Item2, c.Item3, p.Item2, p.Item3, p.Item2 - c.Item2, p.Item3 - c.Item3);
        }).ToList();
        var people = rows.Where(r => r.PartyKind == "person").ToList();
        return new StandardPreview(open.Key, open.DisplayName, reportIds.Count, people.Sum(r => r.DeltaYuan),
            people.Sum(r => r.DeltaPoints), rows);
    }
}
