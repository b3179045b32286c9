using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Submissions;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>
/// The 2026年第6期 (Nov–Dec) 通报 of the demo network: the 23 units and the officers of <see cref="DemoData"/>, with
/// made-up but plausible figures (fixed seed): counties submit most, committee offices and townships little, two
/// units nothing; about a third of reports adopted, provincial carriers less often; 约稿 for a few units and targets
/// for the counties. What the Dispatch README's page images show.
/// </summary>
public static class DemoBulletin
{
    public static readonly DispatchPeriod Period = new(2026, 6);
    public static readonly DateTimeOffset GeneratedAt = new(2027, 1, 1, 1, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, CarrierTier Tier, decimal Points)[] Carriers =
    [
        ("ah-web", "省人大外网", CarrierTier.Provincial, 5), ("ah-dbzs", "《代表之声》", CarrierTier.Provincial, 20),
        ("ah-xxzk", "《信息专刊》", CarrierTier.Provincial, 20), ("sz-rd", "《宿州人大》", CarrierTier.Municipal, 3),
        ("sz-xxzk", "《宿州人大信息专刊》", CarrierTier.Municipal, 2),
    ];

    public static IReadOnlyList<BulletinUnit> Units() => DemoData.Units.Select(u =>
        StorageBulletinSource.ToBulletinUnit(new Unit(u.Id!, u.Name!, DirectoryRules.ParseUnitLevel(u.Level) ?? default,
            u.ParentId, true, GeneratedAt, u.ShortName))).ToList();

    public static Bulletin Build() => BulletinBuilder.Build(Inputs(), GeneratedAt);

    public static BulletinInputs Inputs()
    {
        var units = Units();
        var topics = new List<TopicOutcome>
        {
            new("t-6-1", "yq", null, TopicStatus.Fulfilled), new("t-6-1", "ds", null, TopicStatus.Fulfilled),
            new("t-6-1", "xx", null, TopicStatus.Overdue), new("t-6-2", "sz-cjw", null, TopicStatus.Fulfilled),
            new("t-6-2", "sz-fgw", null, TopicStatus.Overdue), new("t-6-2", "sz-jkw", null, TopicStatus.Open),
        };
        var targets = new List<UnitTarget>
        {
            new("yq", 12, 4), new("ds", 10, 3), new("xx", 10, 3), new("lb", 10, 3), new("sx", 10, 3),
        };
        return new BulletinInputs(Period, units, Figures(units, Period, new Random(6)),
            Figures(units, Period.Previous, new Random(5)), topics, targets);
    }

    private static PeriodFigures Figures(IReadOnlyList<BulletinUnit> units, DispatchPeriod period, Random rng)
    {
        var reports = new List<BulletinReport>();
        var adoptions = new List<AdoptionRecord>();
        var points = new List<PointsRecord>();
        ReportCategory[] categories =
        [
            ReportCategory.DailyNews, ReportCategory.DailyNews, ReportCategory.DailyNews, ReportCategory.DailyNews,
            ReportCategory.TypicalExperience, ReportCategory.TypicalExperience, ReportCategory.ComprehensiveResearch,
            ReportCategory.Proposal,
        ];
        foreach (var unit in units)
        {
            var officers = DemoData.People.Where(p => p.UnitId == unit.Id && p.Roles!.Contains("officer"))
                .Select(p => new BulletinAuthor(p.Id, p.Name!, p.IsDeputy == true)).ToList();
            if (officers.Count == 0 || unit.Id is "yq-jg" or "sz-rxw") continue; // nothing from these two
            var count = unit.LevelName switch
            {
                "县区" => rng.Next(7, 15),
                "法检" => rng.Next(2, 5),
                "委室" => rng.Next(1, 5),
                _ => rng.Next(0, 4),
            };
            for (var i = 0; i < count; i++)
            {
                var author = officers[(i + rng.Next(2)) % officers.Count];
                var day = period.FirstDay.AddDays(rng.Next(0, 53));
                var r = new BulletinReport($"{unit.Id}~{period.Id}-{i:D2}", unit.Id, $"{unit.Name}信息{i + 1}",
                    categories[rng.Next(categories.Length)], [author],
                    new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
                reports.Add(r);
                if (rng.NextDouble() > 0.38) continue;
                // Provincial carriers adopt less often; some reports are adopted by a second carrier too.
                var picks = rng.NextDouble() < 0.3 ? new[] { rng.Next(0, 3), rng.Next(3, 5) } : [rng.Next(2, 5)];
                foreach (var c in picks.Select(k => Carriers[k]))
                {
                    adoptions.Add(new AdoptionRecord(r.Id, unit.Id, r.Category, r.Authors, c.Id, c.Name, c.Tier,
                        r.SubmittedAt.AddDays(5)));
                    points.Add(new PointsRecord(unit.Id, author.PersonId, author.Name, c.Points));
                }
            }
        }
        return new PeriodFigures(reports, adoptions, points);
    }
}
