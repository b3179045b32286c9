using InfoFunctions.Dispatch;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>
/// A small period built by hand: five units (one 机关 committee office, two counties, a court, and a
/// township with nothing), two carrier tiers, topics, targets and a previous period. Every figure
/// below is worked out in the comments.
/// </summary>
public sealed class BulletinBuilderTests
{
    public static readonly DispatchPeriod P3 = new(2026, 3);
    private static readonly DateTimeOffset May10 = new(2026, 5, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar10 = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly BulletinAuthor PA1 = new("p-a1", "张文", false),
        PA2 = new("p-a2", "李华", false),
        D1 = new("d1", "王代表", true);
    private static readonly BulletinAuthor PB1 = new("p-b1", "赵强", false),
        D2 = new("d2", "孙代表", true);
    private static readonly BulletinAuthor PC1 = new("p-c1", "周敏", false),
        PE1 = new("p-e1", "吴法", false);

    public static BulletinInputs HandBuilt()
    {
        var units = new List<BulletinUnit>
        {
            new("caijing", "财政经济委员会", "委室", true),
            new("yq", "埇桥区人大常委会", "县区", false),
            new("ds", "砀山县人大常委会", "县区", false),
            new("zx", "朱仙庄镇人大", "乡镇", false),
            new("zy", "市中级人民法院", "法检", false),
        };
        BulletinReport R(string id, string unit, ReportCategory c, params BulletinAuthor[] authors) =>
            new(id, unit, "稿件" + id, c, authors, May10);
        var reports = new List<BulletinReport>
        {
            R("a1", "caijing", ReportCategory.DailyNews, PA1),
            R("a2", "caijing", ReportCategory.TypicalExperience, PA1, D1),
            R("a3", "caijing", ReportCategory.DailyNews, PA2),
            R("b1", "yq", ReportCategory.DailyNews, PB1),
            R("b2", "yq", ReportCategory.DailyNews, PB1),
            R("b3", "yq", ReportCategory.ComprehensiveResearch, PB1, D2),
            R("b4", "yq", ReportCategory.DailyNews, PB1),
            R("c1", "ds", ReportCategory.TypicalExperience, PC1),
            R("c2", "ds", ReportCategory.Proposal, PC1),
            R("e1", "zy", ReportCategory.DailyNews, PE1),
        };
        AdoptionRecord A(string reportId, CarrierTier tier, string carrier)
        {
            var r = reports.Single(x => x.Id == reportId);
            return new(r.Id, r.UnitId, r.Category, r.Authors, carrier, carrier, tier, May10.AddDays(5));
        }
        var adoptions = new List<AdoptionRecord>
        {
            A("a2", CarrierTier.Provincial, "省人大外网"),
            A("a2", CarrierTier.Municipal, "宿州人大"),
            A("b3", CarrierTier.Provincial, "省人大外网"),
            A("b1", CarrierTier.Municipal, "宿州人大"),
            A("c1", CarrierTier.Municipal, "宿州人大"),
            A("c2", CarrierTier.Municipal, "宿州人大信息专刊"),
        };
        var points = new List<PointsRecord>
        {
            new("caijing", "p-a1", "张文", 150m),
            new("caijing", "d1", "王代表", 100m),
            new("yq", "p-b1", "赵强", 100m),
            new("ds", "p-c1", "周敏", 100m),
        };

        BulletinReport Prev(string id, string unit) =>
            new(id, unit, "旧稿" + id, ReportCategory.DailyNews, [PA1], Mar10);
        var prevReports = new List<BulletinReport>
        {
            Prev("pa1", "caijing"),
            Prev("pa2", "caijing"),
            Prev("pa3", "caijing"),
            Prev("pa4", "caijing"),
            Prev("pa5", "caijing"),
            Prev("pb1", "yq"),
            Prev("pc1", "ds"),
            Prev("pd1", "zx"),
        };
        AdoptionRecord PA(string id, string unit) =>
            new(id, unit, ReportCategory.DailyNews, [PA1], "sz", "宿州人大", CarrierTier.Municipal, Mar10);
        var previous = new PeriodFigures(
            prevReports,
            [PA("pa1", "caijing"), PA("pa2", "caijing"), PA("pd1", "zx")],
            [new("caijing", null, null, 100m), new("zx", null, null, 50m)]
        );

        var topics = new List<TopicOutcome>
        {
            new("t1", "caijing", "p-a1", TopicStatus.Fulfilled),
            new("t2", "caijing", null, TopicStatus.Overdue),
            new("t1", "yq", null, TopicStatus.Fulfilled),
            new("t2", "zx", null, TopicStatus.Overdue),
            new("t2", "ds", null, TopicStatus.Open),
        };
        var targets = new List<UnitTarget> { new("yq", 8, 4), new("zx", 2, 1), new("caijing", 3, 0) };
        return new BulletinInputs(P3, units, new PeriodFigures(reports, adoptions, points), previous, topics, targets);
    }

    public static Bulletin Build() =>
        BulletinBuilder.Build(HandBuilt(), new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ranks_by_adoptions_then_points_with_standard_competition_ties()
    {
        var b = Build();
        // yq (2 adopted, 100 pts) and ds (2, 100) tie at 1; caijing (1, 250) is 3rd; zy and zx (0, 0) tie at 4.
        // Within a tie: more submitted first (yq 4 > ds 2; zy 1 > zx 0).
        Assert.Equal(["yq", "ds", "caijing", "zy", "zx"], b.Units.Select(u => u.UnitId));
        Assert.Equal([1, 1, 3, 4, 4], b.Units.Select(u => u.Rank));
    }

    [Fact]
    public void Per_unit_figures()
    {
        var u = Build().Units.ToDictionary(x => x.UnitId);
        // (submitted, provincial, municipal, adopted, rate, points)
        Assert.Equal(
            (3, 1, 1, 1, 0.3333m, 250m),
            (
                u["caijing"].Submitted,
                u["caijing"].AdoptionsProvincial,
                u["caijing"].AdoptionsMunicipal,
                u["caijing"].Adopted,
                u["caijing"].AdoptionRate!.Value,
                u["caijing"].Points
            )
        );
        Assert.Equal(
            (4, 1, 1, 2, 0.5m, 100m),
            (
                u["yq"].Submitted,
                u["yq"].AdoptionsProvincial,
                u["yq"].AdoptionsMunicipal,
                u["yq"].Adopted,
                u["yq"].AdoptionRate!.Value,
                u["yq"].Points
            )
        );
        Assert.Equal(
            (2, 0, 2, 2, 1m, 100m),
            (
                u["ds"].Submitted,
                u["ds"].AdoptionsProvincial,
                u["ds"].AdoptionsMunicipal,
                u["ds"].Adopted,
                u["ds"].AdoptionRate!.Value,
                u["ds"].Points
            )
        );
        Assert.Equal(
            (1, 0, 0, 0, 0m, 0m),
            (
                u["zy"].Submitted,
                u["zy"].AdoptionsProvincial,
                u["zy"].AdoptionsMunicipal,
                u["zy"].Adopted,
                u["zy"].AdoptionRate!.Value,
                u["zy"].Points
            )
        );
        Assert.Equal(
            (0, 0, 0, 0, 0m),
            (
                u["zx"].Submitted,
                u["zx"].AdoptionsProvincial,
                u["zx"].AdoptionsMunicipal,
                u["zx"].Adopted,
                u["zx"].Points
            )
        );
        Assert.Null(u["zx"].AdoptionRate); // nothing submitted: no rate rather than 0%
        Assert.True(u["caijing"].IsGovernmentOffice);
    }

    [Fact]
    public void Change_against_the_previous_period()
    {
        var u = Build().Units.ToDictionary(x => x.UnitId);
        // Previous: caijing (2 adopted, 100) 1st; zx (1, 50) 2nd; yq, ds, zy (0, 0) tie at 3rd.
        Assert.Equal((1, -2), (u["caijing"].PreviousRank!.Value, u["caijing"].RankChange!.Value));
        Assert.Equal((3, 2), (u["yq"].PreviousRank!.Value, u["yq"].RankChange!.Value));
        Assert.Equal((3, 2), (u["ds"].PreviousRank!.Value, u["ds"].RankChange!.Value));
        Assert.Equal((3, -1), (u["zy"].PreviousRank!.Value, u["zy"].RankChange!.Value));
        Assert.Equal((2, -2), (u["zx"].PreviousRank!.Value, u["zx"].RankChange!.Value));
        // (previous submitted, previous adopted, submitted change, adopted change)
        Assert.Equal(
            (5, 2, -2, -1),
            (
                u["caijing"].PreviousSubmitted,
                u["caijing"].PreviousAdopted,
                u["caijing"].SubmittedChange,
                u["caijing"].AdoptedChange
            )
        );
        Assert.Equal(
            (1, 0, 3, 2),
            (u["yq"].PreviousSubmitted, u["yq"].PreviousAdopted, u["yq"].SubmittedChange, u["yq"].AdoptedChange)
        );
        Assert.Equal(
            (1, 0, 1, 2),
            (u["ds"].PreviousSubmitted, u["ds"].PreviousAdopted, u["ds"].SubmittedChange, u["ds"].AdoptedChange)
        );
        Assert.Equal(
            (1, 1, -1, -1),
            (u["zx"].PreviousSubmitted, u["zx"].PreviousAdopted, u["zx"].SubmittedChange, u["zx"].AdoptedChange)
        );
        Assert.Equal(
            (0, 0, 1, 0),
            (u["zy"].PreviousSubmitted, u["zy"].PreviousAdopted, u["zy"].SubmittedChange, u["zy"].AdoptedChange)
        );
    }

    [Fact]
    public void No_previous_rank_when_the_previous_period_is_empty()
    {
        var b = BulletinBuilder.Build(HandBuilt() with { Previous = PeriodFigures.Empty }, DateTimeOffset.UnixEpoch);
        Assert.All(b.Units, u => Assert.Null(u.PreviousRank));
        Assert.All(b.Units, u => Assert.Null(u.RankChange));
    }

    [Fact]
    public void Topics_and_targets()
    {
        var u = Build().Units.ToDictionary(x => x.UnitId);
        Assert.Equal((1, 1), (u["caijing"].TopicsFulfilled, u["caijing"].TopicsOverdue));
        Assert.Equal((1, 0), (u["yq"].TopicsFulfilled, u["yq"].TopicsOverdue));
        Assert.Equal((0, 1), (u["zx"].TopicsFulfilled, u["zx"].TopicsOverdue));
        Assert.Equal((0, 0), (u["ds"].TopicsFulfilled, u["ds"].TopicsOverdue)); // an open topic is neither
        Assert.Equal(
            (8, 4, 0.5m, 0.5m),
            (
                u["yq"].TargetSubmissions!.Value,
                u["yq"].TargetAdoptions!.Value,
                u["yq"].SubmissionProgress!.Value,
                u["yq"].AdoptionProgress!.Value
            )
        );
        Assert.Equal(
            (2, 1, 0m, 0m),
            (
                u["zx"].TargetSubmissions!.Value,
                u["zx"].TargetAdoptions!.Value,
                u["zx"].SubmissionProgress!.Value,
                u["zx"].AdoptionProgress!.Value
            )
        );
        Assert.Equal(1m, u["caijing"].SubmissionProgress);
        Assert.Null(u["caijing"].AdoptionProgress); // a target of 0 adoptions has no progress ratio
        Assert.Null(u["ds"].TargetSubmissions);
    }

    [Fact]
    public void Totals_categories_and_groups()
    {
        var b = Build();
        Assert.Equal(new BulletinTotals(10, 5, 2, 4, 0.5m, 450m, 8, 3, 2, 2, 1), b.Totals);
        var c = b.Categories.ToDictionary(x => x.Category);
        Assert.Equal(
            (6, 0.6m, 1),
            (
                c[ReportCategory.DailyNews].Submitted,
                c[ReportCategory.DailyNews].Share!.Value,
                c[ReportCategory.DailyNews].Adopted
            )
        );
        Assert.Equal(
            (2, 0.2m, 2),
            (
                c[ReportCategory.TypicalExperience].Submitted,
                c[ReportCategory.TypicalExperience].Share!.Value,
                c[ReportCategory.TypicalExperience].Adopted
            )
        );
        Assert.Equal(
            (1, 0.1m, 1),
            (
                c[ReportCategory.ComprehensiveResearch].Submitted,
                c[ReportCategory.ComprehensiveResearch].Share!.Value,
                c[ReportCategory.ComprehensiveResearch].Adopted
            )
        );
        Assert.Equal(
            (1, 0.1m, 1),
            (
                c[ReportCategory.Proposal].Submitted,
                c[ReportCategory.Proposal].Share!.Value,
                c[ReportCategory.Proposal].Adopted
            )
        );
        Assert.Equal(
            (0, 0m, 0),
            (c[ReportCategory.Other].Submitted, c[ReportCategory.Other].Share!.Value, c[ReportCategory.Other].Adopted)
        );
        // Daily news: only b1 adopted. Deputies: a2 (王代表) and b3 (孙代表), both adopted.
        Assert.Equal(
            (2, 2, 2, 0.2m),
            (b.Deputies.Contributors, b.Deputies.Submitted, b.Deputies.Adopted, b.Deputies.ShareOfSubmitted!.Value)
        );
        // 机关 = the committee office caijing: 3 reports by 张文, 王代表, 李华; a2 adopted.
        Assert.Equal(
            (3, 3, 1, 0.3m),
            (
                b.GovernmentOffices.Contributors,
                b.GovernmentOffices.Submitted,
                b.GovernmentOffices.Adopted,
                b.GovernmentOffices.ShareOfSubmitted!.Value
            )
        );
        Assert.Equal(["朱仙庄镇人大"], b.UnitsWithoutSubmissions);
        Assert.Equal(["yq", "ds", "caijing"], b.TopUnits.Select(u => u.UnitId));
    }

    [Fact]
    public void Top_people()
    {
        var p = Build().TopPeople;
        // 赵强 (2 adopted, 100) and 周敏 (2, 100) tie; then 张文 (1, 150), 王代表 (1, 100), 孙代表 (1, 0); 李华 and 吴法 (0, 0) tie.
        Assert.Equal(["p-b1", "p-c1", "p-a1", "d1", "d2", "p-a2", "p-e1"], p.Select(x => x.PersonId));
        Assert.Equal([1, 1, 3, 4, 5, 6, 6], p.Select(x => x.Rank));
        Assert.Equal((4, 2, 100m), (p[0].Submitted, p[0].Adopted, p[0].Points));
        Assert.Equal((2, 1, 150m, "财政经济委员会"), (p[2].Submitted, p[2].Adopted, p[2].Points, p[2].UnitName));
        Assert.True(p[3].IsDeputy);
    }

    [Fact]
    public void Narrative_names_the_figures()
    {
        var s = string.Join("\n", Build().Summary);
        Assert.Contains("2026年5—6月，全市共报送信息 10 篇（较上期增加 2篇）", s);
        Assert.Contains("被采用 5 篇（较上期增加 2篇），采用率 50%", s);
        Assert.Contains("日常动态类 6 篇，占 60%", s);
        Assert.Contains("日常动态类信息偏多", s);
        Assert.Contains("朱仙庄镇人大", s);
    }

    [Theory]
    [InlineData("2026-P3", "2026-04-30T16:00:00Z", "2026-06-30T16:00:00Z", "2026-P2")]
    [InlineData("2026-P1", "2025-12-31T16:00:00Z", "2026-02-28T16:00:00Z", "2025-P6")]
    [InlineData("2024-P1", "2023-12-31T16:00:00Z", "2024-02-29T16:00:00Z", "2023-P6")]
    public void Periods_are_two_months_in_Shanghai(string id, string from, string to, string previous)
    {
        Assert.True(DispatchPeriod.TryParse(id, out var p));
        Assert.Equal(DateTimeOffset.Parse(from), p.Value.From);
        Assert.Equal(DateTimeOffset.Parse(to), p.Value.To);
        Assert.Equal(previous, p.Value.Previous.Id);
        Assert.Equal(p, DispatchPeriod.Containing(p.Value.From));
        Assert.Equal(p.Value.Previous, DispatchPeriod.Containing(p.Value.From.AddTicks(-1)));
    }

    [Theory]
    [InlineData("2026-P7")]
    [InlineData("2026-P0")]
    [InlineData("2026P3")]
    [InlineData("")]
    public void Bad_period_ids_are_refused(string id) => Assert.False(DispatchPeriod.TryParse(id, out _));
}
