using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>
/// Builds the bimonthly 通报 from its inputs; pure, so every figure is unit-tested.
/// Definitions:
/// <list type="bullet">
/// <item>submitted: reports submitted in the period (by submission time);</item>
/// <item>adoptions by tier: adoptions dated in the period (篇次; a report adopted by two carriers counts at each);</item>
/// <item>adopted: distinct reports with at least one adoption in the period (篇); adoption rate = adopted ÷ submitted,
/// null when nothing was submitted, not capped (a report submitted last period may be adopted in this one);</item>
/// <item>rank: by adopted, then points, both descending; equal pairs share a rank and the next rank skips
/// (standard competition ranking 1, 1, 3). Within a tie rows are listed by submitted (desc), then unit id;</item>
/// <item>change: the previous period ranked the same way over the same units; rank change = previous − current
/// (positive means moved up); no previous rank when the previous period has no data at all;</item>
/// <item>people: each author of a report is credited with it in full; ranked like units (adopted, then points).</item>
/// </list>
/// </summary>
public static class BulletinBuilder
{
    public const int TopUnitCount = 3;
    public const int TopPeopleCount = 10;

    public static Bulletin Build(BulletinInputs inputs, DateTimeOffset generatedAt)
    {
        var units = inputs.Units.ToDictionary(u => u.Id);
        // Reports of units not (or no longer) in the directory still count, under their id.
        foreach (var id in inputs.Current.Reports.Select(r => r.UnitId)
            .Concat(inputs.Current.Adoptions.Select(a => a.UnitId)).Distinct())
            units.TryAdd(id, new BulletinUnit(id, id, "", false));

        var current = Tally(inputs.Current, units.Keys);
        var previous = Tally(inputs.Previous, units.Keys);
        var currentRanks = Rank(current.Values.Select(t => (t.UnitId, t.Adopted, t.Points, t.Submitted)).ToList());
        var previousRanks = Rank(previous.Values.Select(t => (t.UnitId, t.Adopted, t.Points, t.Submitted)).ToList())
            .ToDictionary(x => x.UnitId, x => x.Rank);
        // No previous rank at all when the previous period has no data (e.g. the platform's first period).
        var hasPrevious = inputs.Previous.Reports.Count + inputs.Previous.Adoptions.Count
            + inputs.Previous.Points.Count > 0;
        var targets = inputs.Targets.GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g => g.Last());
        var topics = inputs.Topics.GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g => g.ToList());

        var rows = new List<UnitRow>();
        foreach (var (unitId, rank) in currentRanks)
        {
            var u = units[unitId];
            var c = current[unitId];
            var p = previous[unitId];
            var prevRank = hasPrevious ? previousRanks[unitId] : (int?)null;
            targets.TryGetValue(unitId, out var target);
            topics.TryGetValue(unitId, out var unitTopics);
            rows.Add(new UnitRow(
                rank, unitId, u.Name, u.LevelName, u.IsGovernmentOffice,
                c.Submitted, c.Provincial, c.Municipal, c.Adopted, Rate(c.Adopted, c.Submitted), c.Points,
                prevRank, prevRank - rank,
                p.Submitted, p.Adopted, c.Submitted - p.Submitted, c.Adopted - p.Adopted,
                unitTopics?.Count(t => t.Status == TopicStatus.Fulfilled) ?? 0,
                unitTopics?.Count(t => t.Status == TopicStatus.Overdue) ?? 0,
                target?.Submissions, target?.Adoptions,
                target is { Submissions: > 0 } ? Rate(c.Submitted, target.Submissions) : null,
                target is { Adoptions: > 0 } ? Rate(c.Adopted, target.Adoptions) : null, u.TableName));
        }

        var adoptedReports = inputs.Current.Adoptions.GroupBy(a => a.ReportId).Select(g => g.First()).ToList();
        var categories = Enum.GetValues<ReportCategory>().Select(cat =>
        {
            var n = inputs.Current.Reports.Count(r => r.Category == cat);
            return new CategoryRow(cat, Categories.ChineseName(cat), n, Rate(n, inputs.Current.Reports.Count),
                adoptedReports.Count(a => a.Category == cat));
        }).ToList();

        var deputyReports = inputs.Current.Reports.Where(r => r.Authors.Any(a => a.IsDeputy)).ToList();
        var deputies = new GroupContribution("人大代表",
            deputyReports.SelectMany(r => r.Authors.Where(a => a.IsDeputy)).Select(AuthorKey).Distinct().Count(),
            deputyReports.Count, adoptedReports.Count(a => a.Authors.Any(x => x.IsDeputy)),
            Rate(deputyReports.Count, inputs.Current.Reports.Count));

        var officeIds = units.Values.Where(u => u.IsGovernmentOffice).Select(u => u.Id).ToHashSet();
        var officeReports = inputs.Current.Reports.Where(r => officeIds.Contains(r.UnitId)).ToList();
        var offices = new GroupContribution("机关（市人大常委会各委室）",
            officeReports.SelectMany(r => r.Authors).Select(AuthorKey).Distinct().Count(),
            officeReports.Count, adoptedReports.Count(a => officeIds.Contains(a.UnitId)),
            Rate(officeReports.Count, inputs.Current.Reports.Count));

        var people = People(inputs.Current, units);
        var totalsAdopted = adoptedReports.Count;
        var none = rows.Where(r => r.Submitted == 0).Select(r => r.UnitName).ToList();
        var totals = new BulletinTotals(
            inputs.Current.Reports.Count, totalsAdopted,
            inputs.Current.Adoptions.Count(a => a.Tier == CarrierTier.Provincial),
            inputs.Current.Adoptions.Count(a => a.Tier == CarrierTier.Municipal),
            Rate(totalsAdopted, inputs.Current.Reports.Count), rows.Sum(r => r.Points),
            inputs.Previous.Reports.Count, inputs.Previous.Adoptions.Select(a => a.ReportId).Distinct().Count(),
            rows.Sum(r => r.TopicsFulfilled), rows.Sum(r => r.TopicsOverdue), none.Count);
        var top = rows.Where(r => r.Adopted > 0 || r.Submitted > 0).Where(r => r.Rank <= TopUnitCount).ToList();

        var period = inputs.Period;
        var bulletin = new Bulletin(period.Id, period.ChineseName, period.FirstDay, period.LastDay, generatedAt,
            totals, rows, categories, deputies, offices, top, people, none, [], period.IssueName);
        return bulletin with { Summary = Narrative(bulletin) };
    }

    /// <summary>
    /// Standard competition ranking by (adopted, points) descending; listing order within ties by submitted, then id.
    /// </summary>
    public static IReadOnlyList<(string UnitId, int Rank)> Rank(
        IReadOnlyList<(string UnitId, int Adopted, decimal Points, int Submitted)> items)
    {
        var ordered = items.OrderByDescending(x => x.Adopted).ThenByDescending(x => x.Points)
            .ThenByDescending(x => x.Submitted).ThenBy(x => x.UnitId, StringComparer.Ordinal).ToList();
        var result = new List<(string, int)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Adopted == ordered[i - 1].Adopted
                && ordered[i].Points == ordered[i - 1].Points
                ? result[i - 1].Item2 : i + 1;
            result.Add((ordered[i].UnitId, rank));
        }
        return result;
    }

    /// <summary>A ratio rounded to 4 places (0.1234 = 12.34%), null when the denominator is zero.</summary>
    public static decimal? Rate(int part, int whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    public static string Percent(decimal? rate) =>
        rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private sealed record UnitTally(string UnitId, int Submitted, int Provincial, int Municipal, int Adopted,
        decimal Points);

    private static Dictionary<string, UnitTally> Tally(PeriodFigures f, IEnumerable<string> unitIds)
    {
        var submitted = f.Reports.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Count());
        var adoptions = f.Adoptions.GroupBy(a => a.UnitId).ToDictionary(g => g.Key, g => g.ToList());
        var points = f.Points.GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Sum(p => p.Points));
        return unitIds.ToDictionary(id => id, id =>
        {
            adoptions.TryGetValue(id, out var a);
            return new UnitTally(id, submitted.GetValueOrDefault(id),
                a?.Count(x => x.Tier == CarrierTier.Provincial) ?? 0,
                a?.Count(x => x.Tier == CarrierTier.Municipal) ?? 0,
                a?.Select(x => x.ReportId).Distinct().Count() ?? 0, points.GetValueOrDefault(id));
        });
    }

    private static string AuthorKey(BulletinAuthor a) => a.PersonId ?? "name:" + a.Name;

    private static List<PersonRow> People(PeriodFigures f, Dictionary<string, BulletinUnit> units)
    {
        var stats = new Dictionary<string,
            (BulletinAuthor Author, string UnitId, int Submitted, HashSet<string> Adopted, decimal Points)>();
        void Touch(BulletinAuthor a, string unitId)
        {
            var key = AuthorKey(a);
            if (!stats.ContainsKey(key)) stats[key] = (a, unitId, 0, [], 0m);
        }
        foreach (var r in f.Reports)
            foreach (var a in r.Authors)
            {
                Touch(a, r.UnitId);
                var s = stats[AuthorKey(a)];
                stats[AuthorKey(a)] = s with { Submitted = s.Submitted + 1 };
            }
        foreach (var ad in f.Adoptions)
            foreach (var a in ad.Authors)
            {
                Touch(a, ad.UnitId);
                stats[AuthorKey(a)].Adopted.Add(ad.ReportId);
            }
        foreach (var p in f.Points.Where(p => p.PersonId is not null))
        {
            Touch(new BulletinAuthor(p.PersonId, p.PersonName ?? p.PersonId!, false), p.UnitId);
            var s = stats[p.PersonId!];
            stats[p.PersonId!] = s with { Points = s.Points + p.Points };
        }
        var ranks = Rank(stats.Select(kv => (kv.Key, kv.Value.Adopted.Count, kv.Value.Points, kv.Value.Submitted))
            .ToList());
        return ranks.Take(TopPeopleCount).Select(x =>
        {
            var s = stats[x.UnitId];
            var unit = units.GetValueOrDefault(s.UnitId);
            return new PersonRow(x.Rank, s.Author.PersonId, s.Author.Name, s.UnitId, unit?.Name ?? s.UnitId,
                s.Author.IsDeputy, s.Submitted, s.Adopted.Count, s.Points, unit?.TableName ?? s.UnitId);
        }).ToList();
    }

    private static string Signed(int n) => n > 0 ? $"增加 {n}" : n < 0 ? $"减少 {-n}" : "持平";

    private static List<string> Narrative(Bulletin b)
    {
        var t = b.Totals;
        var text = new List<string>
        {
            $"{b.PeriodName}，全市共报送信息 {t.Submitted} 篇（较上期{Signed(t.Submitted - t.PreviousSubmitted)}篇），" +
            $"被采用 {t.Adopted} 篇（较上期{Signed(t.Adopted - t.PreviousAdopted)}篇），采用率 {Percent(t.AdoptionRate)}；" +
            $"其中省级载体采用 {t.AdoptionsProvincial} 篇次，市级载体采用 {t.AdoptionsMunicipal} 篇次。",
        };
        if (b.TopUnits.Count > 0)
            text.Add("采用情况位居前列的单位：" + string.Join("、", b.TopUnits.Select(r => $"{r.UnitName}（采用 {r.Adopted} 篇）"))
                + "。");
        var up = b.Units.Where(r => r.RankChange > 0).OrderByDescending(r => r.RankChange).Take(3).ToList();
        if (up.Count > 0)
            text.Add("进步较快的单位：" + string.Join("、", up.Select(r => $"{r.UnitName}（上升 {r.RankChange} 位）")) + "。");
        var daily = b.Categories.First(c => c.Category == ReportCategory.DailyNews);
        var typical = b.Categories.First(c => c.Category == ReportCategory.TypicalExperience);
        var research = b.Categories.First(c => c.Category == ReportCategory.ComprehensiveResearch);
        text.Add($"从类别看，日常动态类 {daily.Submitted} 篇，占 {Percent(daily.Share)}；" +
                 $"典型经验类 {typical.Submitted} 篇，占 {Percent(typical.Share)}；" +
                 $"综合调研类 {research.Submitted} 篇，占 {Percent(research.Share)}。" +
                 (daily.Share > 0.5m ? "日常动态类信息偏多，典型经验和综合调研类信息偏少，请各单位加强深度信息的采写。" : ""));
        text.Add($"人大代表参与撰写信息 {b.Deputies.Submitted} 篇（{b.Deputies.Contributors} 人），被采用 {b.Deputies.Adopted} 篇；" +
                 $"机关（市人大常委会各委室）报送 {b.GovernmentOffices.Submitted} 篇，被采用 {b.GovernmentOffices.Adopted} 篇。");
        if (t.TopicsFulfilled + t.TopicsOverdue > 0)
            text.Add($"本期约稿完成 {t.TopicsFulfilled} 项，逾期未完成 {t.TopicsOverdue} 项。");
        text.Add(b.UnitsWithoutSubmissions.Count > 0
            ? $"本期未报送信息的单位（{b.UnitsWithoutSubmissions.Count} 个）：{string.Join("、", b.UnitsWithoutSubmissions)}。" +
              "请上述单位高度重视，按时报送信息。"
            : "本期各单位均有信息报送。");
        return text;
    }
}
