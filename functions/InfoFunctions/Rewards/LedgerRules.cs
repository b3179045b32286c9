namespace InfoFunctions.Rewards;

/// <summary>
/// Turns one ledger fact into lines. Pure: the state of the report before the fact and the
/// standard in force on its date in, the new state and the lines out. Adoptions are counted as a
/// report total (highest only, or cumulative) and every line is the change of each party's share of
/// that total, so the totals do not depend on the order in which facts arrive.
/// </summary>
public static class LedgerRules
{
    public sealed record Outcome(ReportLedgerState State, IReadOnlyList<LedgerLine> Lines);

    /// <summary>
    /// The lines of <paramref name="m"/>; <paramref name="carrierName"/> and <paramref name="unitName"/> give the
    /// directory's names for reasons and the unit's party name (ids by default).
    /// </summary>
    public static Outcome Apply(ReportLedgerState state, LedgerMessage m, RewardStandard standard,
        Func<string, string>? carrierName = null, Func<string, string>? unitName = null)
    {
        carrierName ??= id => id;
        var period = HalfYear.Of(m.OccurredAt).Key;
        var lines = new List<LedgerLine>();
        var adoptions = state.Adoptions.ToList();
        var effects = new Dictionary<string, IReadOnlyList<PartyAmount>>(state.Effects);
        var cancelled = state.Cancelled.ToList();
        var parties = Parties(m, unitName);
        var cancelledAlready = cancelled.Remove(m.EventId);

        void Add(PartyAmount a, string? carrier, string reason) => lines.Add(new LedgerLine(
            period, LedgerKeys.ParseParty(a.PartyKey).Kind, LedgerKeys.ParseParty(a.PartyKey).Id, a.Name, m.EventId,
            lines.Count + 1,
            m.Kind, m.ReportId, m.TrackingNumber, m.Title, carrier, standard.Version, a.Points, a.Yuan, reason,
                m.OccurredAt, Issue: m.Issue));

        // A fact with its own fixed amount (endorsement, penalty, contest grade): split among authors, the unit gets it
        // whole.
        void Fixed(RewardAmount amount, string reason)
        {
            if (cancelledAlready)
            {
                amount = RewardAmount.Zero;
                reason += "；该事项已被更正撤销，不计分";
            }
            var given = Allocate(parties, amount);
            foreach (var g in given) Add(g, null, reason);
            effects[m.EventId] = given;
        }

        // The amount the standard lists for this key (a penalty is subtracted); nothing when it lists none.
        void Listed(IReadOnlyDictionary<string, RewardAmount> table, string key, string listed, string unlisted,
            bool deducted = false) =>
            Fixed(table.TryGetValue(key, out var amount) ? deducted ? amount.Negate() : amount : RewardAmount.Zero,
                table.ContainsKey(key) ? listed : unlisted);

        var adoptionChanged = false;
        var note = "";
        switch (m.Kind)
        {
            case LedgerEventKind.Adoption:
                if (m.CarrierId is null) throw new InvalidOperationException($"采用事项 {m.EventId} 缺少载体（carrierId）。");
                if (cancelledAlready) note = $"{carrierName(m.CarrierId)}采用已被更正撤销，不计分";
                else
                {
                    adoptions.Add(Rate(m.EventId, m.CarrierId, standard));
                    adoptionChanged = true;
                }
                break;

            case LedgerEventKind.AdoptionCorrection:
                var target = m.ReplacesEventId;
                var reasons = new List<string>();
                if (target is not null)
                {
                    if (adoptions.FindIndex(a => a.EventId == target) is var i and >= 0)
                    {
                        reasons.Add($"更正：撤销{carrierName(adoptions[i].CarrierId)}的采用");
                        adoptions.RemoveAt(i);
                        adoptionChanged = true;
                    }
                    else if (effects.Remove(target, out var reversed))
                    {
                        foreach (var r in reversed.Where(r => r.Points != 0 || r.Yuan != 0))
                            Add(r with { Points = -r.Points, Yuan = -r.Yuan }, null, "更正：冲销被更正事项的记分");
                    }
                    else if (!cancelled.Contains(target))
                    {
                        // The corrected fact has not arrived yet: it will count nothing when it does.
                        cancelled.Add(target);
                        reasons.Add("更正：被更正的采用尚未记分，届时不再计分");
                    }
                }
                if (m.CarrierId is not null && !cancelledAlready)
                {
                    adoptions.Add(Rate(m.EventId, m.CarrierId, standard));
                    reasons.Add($"改按{carrierName(m.CarrierId)}采用计");
                    adoptionChanged = true;
                }
                note = string.Join("，", reasons);
                if (!adoptionChanged && lines.Count == 0)
                    foreach (var p in parties) Add(new PartyAmount(p.PartyKey, p.Name, 0, 0), m.CarrierId,
                        note.Length > 0 ? note : "更正：无可更正的记分");
                break;

            case LedgerEventKind.Endorsement:
                var level = m.EndorsementLevel ?? "";
                Listed(standard.EndorsementBonuses, level, $"{level}领导批示加分（第{standard.Version}版标准）",
                    $"领导批示（{level}）：第{standard.Version}版标准未规定该级别的加分");
                break;

            case LedgerEventKind.Penalty:
                var kind = m.PenaltyKind ?? "";
                Listed(standard.Penalties, kind, $"扣分：{PenaltyName(kind)}（第{standard.Version}版标准）",
                    $"扣分：{PenaltyName(kind)}，第{standard.Version}版标准未规定扣分", deducted: true);
                break;

            case LedgerEventKind.ContestAward:
                var grade = m.Grade ?? "";
                Listed(standard.GradeRewards, grade, $"好信息评选“{grade}”（第{standard.Version}版标准）",
                    $"好信息评选“{grade}”：标准未规定该等次奖励");
                break;
        }

        var given2 = new Dictionary<string, PartyAmount>(state.AdoptionGiven);
        if (m.Kind == LedgerEventKind.Adoption || adoptionChanged)
        {
            var before = ReportTotal(state.Adoptions, standard.MultiCarrier);
            var after = ReportTotal(adoptions, standard.MultiCarrier);
            var target = Allocate(parties, after.Amount).ToDictionary(p => p.PartyKey);
            var reason = note.Length > 0 ? note : AdoptionReason(m, standard, before, after, carrierName);
            if (note.Length > 0
                && adoptionChanged) reason = $"{note}；{AdoptionReason(m, standard, before, after, carrierName)}";
            // Everyone named now, then anyone given something earlier who is no longer an author.
            foreach (var key in target.Keys.Concat(state.AdoptionGiven.Keys.Where(k => !target.ContainsKey(k))))
            {
                var had = state.AdoptionGiven.TryGetValue(key, out var h) ? h : null;
                var want = target.TryGetValue(key, out var t) ? t : had! with { Points = 0, Yuan = 0 };
                var delta = want with
                {
                    Points = want.Points - (had?.Points ?? 0),
                    Yuan = want.Yuan - (had?.Yuan ?? 0)
                };
                Add(delta, m.CarrierId, reason);
                if (want.Points == 0 && want.Yuan == 0) given2.Remove(key); else given2[key] = want;
            }
        }

        return new Outcome(new ReportLedgerState(adoptions, given2, effects, cancelled), lines);
    }

    /// <summary>The counting value of a report's adoptions: the highest one, or their sum.</summary>
    public static (RewardAmount Amount, AdoptionEntry? Highest) ReportTotal(IReadOnlyList<AdoptionEntry> adoptions,
        MultiCarrierRule rule)
    {
        if (adoptions.Count == 0) return (RewardAmount.Zero, null);
        if (rule == MultiCarrierRule.Cumulative)
            return (new RewardAmount(adoptions.Sum(a => a.Points), adoptions.Sum(a => a.Yuan)), null);
        // Ties broken by event id so the pick does not depend on arrival order.
        var top = adoptions.OrderByDescending(a => a.Yuan).ThenByDescending(a => a.Points)
            .ThenBy(a => a.EventId, StringComparer.Ordinal).First();
        return (new RewardAmount(top.Points, top.Yuan), top);
    }

    /// <summary>
    /// Authors share <paramref name="amount"/> by their shares (equally when not all are given), each
    /// cut to the cent, the remainder to the first author so the shares sum exactly; the unit gets it whole.
    /// </summary>
    public static IReadOnlyList<PartyAmount> Allocate(IReadOnlyList<Party> parties, RewardAmount amount)
    {
        var people = parties.Where(p => p.PartyKey.StartsWith("p:", StringComparison.Ordinal)).ToList();
        var points = Split(amount.Points, people.Select(p => p.Weight).ToList());
        var yuan = Split(amount.Yuan, people.Select(p => p.Weight).ToList());
        var result = people.Select((p, i) => new PartyAmount(p.PartyKey, p.Name, points[i], yuan[i])).ToList();
        result.AddRange(parties.Where(p => p.PartyKey.StartsWith("u:", StringComparison.Ordinal))
            .Select(u => new PartyAmount(u.PartyKey, u.Name, amount.Points, amount.Yuan)));
        return result;
    }

    /// <summary>
    /// Splits <paramref name="total"/> by <paramref name="weights"/> (non-positive sum: equally); parts sum exactly to
    /// the total.
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal total, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0) return [];
        var sum = weights.Sum();
        var w = sum > 0 && weights.All(x => x >= 0) ? weights : weights.Select(_ => 1m).ToList();
        sum = w.Sum();
        // Everyone but the first is cut to the cent (toward zero); the first author takes what remains.
        var parts = w.Select(x => Math.Round(total * x / sum, 2, MidpointRounding.ToZero)).ToArray();
        parts[0] = total - parts.Skip(1).Sum();
        return parts;
    }

    /// <summary>
    /// The message's parties: each author (weight = the given share when every author has one, else 1 for an equal
    /// split) and the unit. Authors named twice are merged.
    /// </summary>
    public static IReadOnlyList<Party> Parties(LedgerMessage m, Func<string, string>? unitName = null)
    {
        var allShares = m.Authors.Count > 0 && m.Authors.All(a => a.Share is > 0);
        var list = new List<Party>();
        foreach (var a in m.Authors)
        {
            var id = string.IsNullOrWhiteSpace(a.PersonId) ? "name-" + a.Name.Trim() : a.PersonId.Trim();
            var key = LedgerKeys.Party(PartyKind.Person, id);
            var weight = allShares ? a.Share!.Value : 1m;
            var i = list.FindIndex(p => p.PartyKey == key);
            if (i >= 0) list[i] = list[i] with { Weight = list[i].Weight + weight };
            else list.Add(new Party(key, a.Name, weight));
        }
        if (!string.IsNullOrWhiteSpace(m.UnitId))
            list.Add(new Party(LedgerKeys.Party(PartyKind.Unit, m.UnitId), unitName?.Invoke(m.UnitId) ?? m.UnitId, 0));
        return list;
    }

    private static AdoptionEntry Rate(string eventId, string carrierId, RewardStandard s) =>
        s.Carriers.TryGetValue(carrierId, out var r)
            ? new AdoptionEntry(eventId, carrierId, r.Points, r.Yuan, s.Version)
            : new AdoptionEntry(eventId, carrierId, 0, 0, s.Version);

    private static string AdoptionReason(LedgerMessage m, RewardStandard s,
        (RewardAmount Amount, AdoptionEntry? Highest) before, (RewardAmount Amount, AdoptionEntry? Highest) after,
        Func<string, string> carrierName)
    {
        var carrier = m.CarrierId is null ? "" : carrierName(m.CarrierId);
        if (m.CarrierId is not null && !s.Carriers.ContainsKey(m.CarrierId))
            return $"{carrier}采用：第{s.Version}版标准未列明该载体，不计分";
        var rate = m.CarrierId is not null ? s.Carriers[m.CarrierId] : RewardAmount.Zero;
        var basis = $"{carrier}采用（第{s.Version}版标准 {Amounts.Text(rate.Points, rate.Yuan)}）";
        if (s.MultiCarrier == MultiCarrierRule.Cumulative) return before.Amount.IsZero ? basis : $"{basis}，多载体累计计奖";
        if (before.Amount.IsZero) return basis;
        var counted = before.Highest is { } h ? $"{carrierName(h.CarrierId)}（{Amounts.Text(h.Points, h.Yuan)}）"
            : Amounts.Text(before.Amount.Points, before.Amount.Yuan);
        var difference = after.Amount - before.Amount;
        if (after.Amount.Yuan > before.Amount.Yuan || after.Amount.Points > before.Amount.Points)
            return $"补差：{basis}高于已计的{counted}；多载体采用按最高载体计奖，补足差额 " +
                $"{Amounts.Text(difference.Points, difference.Yuan)}";
        if (after.Amount == before.Amount) return $"{basis}；已按最高载体{counted}计奖，不重复计奖";
        return $"{basis}；按最高载体重新核定";
    }

    public static string PenaltyName(string kind) => kind switch
    {
        RewardStandard.PenaltyMissedTopic => "约稿逾期未交",
        RewardStandard.PenaltyInaccurate => "信息失实",
        _ => kind,
    };
}
