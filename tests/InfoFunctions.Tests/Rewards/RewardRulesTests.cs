using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

public sealed class HalfYearTests
{
    [Fact]
    public void Beijing_midnight_decides_the_half_year()
    {
        // 2026-06-30 23:00 UTC is 1 Jul 07:00 in Beijing: the second half, although still 30 Jun in UTC.
        Assert.Equal(new HalfYear(2026, 2), HalfYear.Of(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(
            new HalfYear(2026, 2),
            HalfYear.Of(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.FromHours(8)))
        );
        // The last second of 30 Jun in Beijing is 15:59:59 UTC.
        Assert.Equal(new HalfYear(2026, 1), HalfYear.Of(new DateTimeOffset(2026, 6, 30, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new HalfYear(2026, 2), HalfYear.Of(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero)));
        // New Year in Beijing is 31 Dec 16:00 UTC.
        Assert.Equal(new HalfYear(2027, 1), HalfYear.Of(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new HalfYear(2026, 2), HalfYear.Of(new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Bounds_keys_and_closing()
    {
        var h2 = new HalfYear(2026, 2);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), h2.StartUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), h2.EndUtc);
        Assert.Equal("2026H2", h2.Key);
        Assert.Equal("2026年下半年", h2.DisplayName);
        Assert.Equal(new HalfYear(2027, 1), h2.Next);
        Assert.Equal(new HalfYear(2026, 1), h2.Previous);
        Assert.False(h2.IsClosedAt(new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero)));
        Assert.True(h2.IsClosedAt(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero)));
        Assert.True(HalfYear.TryParse("2026h1", out var p) && p == new HalfYear(2026, 1));
        Assert.False(HalfYear.TryParse("2026H3", out _));
        Assert.False(HalfYear.TryParse("26H1", out _));
    }
}

public sealed class LedgerRulesTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);

    internal static RewardStandard Standard(MultiCarrierRule rule, int version = 1) =>
        RewardStandard.Demo(version, new DateOnly(2014, 1, 1), Day, "test") with
        {
            MultiCarrier = rule,
        };

    internal static LedgerMessage Adoption(
        string eventId,
        string carrier,
        string report = "yq~r1",
        params LedgerAuthor[] authors
    ) =>
        new(
            eventId,
            LedgerEventKind.Adoption,
            report,
            "YQ-2025-0001",
            "yq",
            authors.Length > 0 ? authors : [new("p1", "甲", null), new("p2", "乙", null), new("p3", "丙", null)],
            Day,
            "editor",
            CarrierId: carrier
        );

    private static (ReportLedgerState State, List<LedgerLine> Lines) Run(
        RewardStandard s,
        IEnumerable<LedgerMessage> messages
    )
    {
        var state = ReportLedgerState.Empty;
        var lines = new List<LedgerLine>();
        foreach (var m in messages)
        {
            var o = LedgerRules.Apply(state, m, s);
            state = o.State;
            lines.AddRange(o.Lines);
        }
        return (state, lines);
    }

    private static Dictionary<string, (decimal Points, decimal Yuan)> Totals(IEnumerable<LedgerLine> lines) =>
        lines.GroupBy(l => l.PartyKey).ToDictionary(g => g.Key, g => (g.Sum(l => l.Points), g.Sum(l => l.Yuan)));

    [Fact]
    public void Equal_split_gives_the_remainder_cent_to_the_first_author()
    {
        Assert.Equal([33.34m, 33.33m, 33.33m], LedgerRules.Split(100m, [1, 1, 1]));
        Assert.Equal([133.34m, 66.66m], LedgerRules.Split(200m, [2, 1]));
        Assert.Equal([66.68m, 66.66m, 66.66m], LedgerRules.Split(200m, [1, 1, 1]));
        Assert.Equal([-0.01m, 0m, 0m], LedgerRules.Split(-0.01m, [1, 1, 1]));
        // Shares need not sum to one; a non-positive share falls back to equal.
        Assert.Equal([60m, 40m], LedgerRules.Split(100m, [0.6m, 0.4m]));
        Assert.Equal([50m, 50m], LedgerRules.Split(100m, [0m, 0m]));
    }

    [Fact]
    public void Highest_only_gives_the_same_totals_in_every_order()
    {
        var s = Standard(MultiCarrierRule.HighestOnly);
        LedgerMessage[] facts = [Adoption("a-web", "ah-web"), Adoption("a-dbzs", "ah-dbzs"), Adoption("a-rd", "sz-rd")];
        var orders = new[] { new[] { 0, 1, 2 }, [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0] };
        foreach (var order in orders)
        {
            var (_, lines) = Run(s, order.Select(i => facts[i]));
            var t = Totals(lines);
            // Highest carrier: 《代表之声》 20 points / 200 元, split three ways (first author gets the remainder cent).
            Assert.Equal((6.68m, 66.68m), t["p:p1"]);
            Assert.Equal((6.66m, 66.66m), t["p:p2"]);
            Assert.Equal((6.66m, 66.66m), t["p:p3"]);
            Assert.Equal((20m, 200m), t["u:yq"]);
        }
    }

    [Fact]
    public void Highest_only_explains_the_top_up_and_the_lower_carrier()
    {
        var s = Standard(MultiCarrierRule.HighestOnly);
        var (_, lines) = Run(
            s,
            [Adoption("a-web", "ah-web"), Adoption("a-dbzs", "ah-dbzs"), Adoption("a-rd", "sz-rd")]
        );
        var unit = lines.Where(l => l.PartyKey == "u:yq").ToList();
        Assert.Equal([50m, 150m, 0m], unit.Select(l => l.Yuan));
        Assert.Contains("补差", unit[1].Reason);
        Assert.Contains("不重复计奖", unit[2].Reason);
        Assert.All(lines, l => Assert.Equal(1, l.RuleVersion));
        Assert.Equal("ah-dbzs", unit[1].CarrierId);
    }

    [Fact]
    public void Cumulative_adds_every_carrier()
    {
        var s = Standard(MultiCarrierRule.Cumulative);
        var (_, lines) = Run(s, [Adoption("a-rd", "sz-rd"), Adoption("a-web", "ah-web")]);
        var t = Totals(lines);
        // 30 + 50 = 80 元, 3 + 5 = 8 points, three ways: 26.68/26.66/26.66 and 2.68/2.66/2.66.
        Assert.Equal((2.68m, 26.68m), t["p:p1"]);
        Assert.Equal((2.66m, 26.66m), t["p:p2"]);
        Assert.Equal((8m, 80m), t["u:yq"]);
    }

    [Fact]
    public void Shares_split_by_weight()
    {
        var s = Standard(MultiCarrierRule.HighestOnly);
        var (_, lines) = Run(
            s,
            [Adoption("a", "ah-dbzs", "yq~r1", new LedgerAuthor("p1", "甲", 0.7m), new LedgerAuthor("p2", "乙", 0.3m))]
        );
        var t = Totals(lines);
        Assert.Equal((14m, 140m), t["p:p1"]);
        Assert.Equal((6m, 60m), t["p:p2"]);
    }

    [Fact]
    public void A_correction_reverses_the_adoption_it_replaces_and_counts_the_new_carrier()
    {
        var s = Standard(MultiCarrierRule.HighestOnly);
        var correction = Adoption("c1", "sz-rd") with
        {
            Kind = LedgerEventKind.AdoptionCorrection,
            ReplacesEventId = "a-dbzs",
        };
        var (_, lines) = Run(s, [Adoption("a-dbzs", "ah-dbzs"), correction]);
        Assert.Equal((3m, 30m), Totals(lines)["u:yq"]);
        Assert.Equal(-170m, lines.Where(l => l.PartyKey == "u:yq" && l.EventId == "c1").Sum(l => l.Yuan));

        // The same facts with the correction first: the adoption, when it comes, counts nothing.
        var (_, reversed) = Run(s, [correction, Adoption("a-dbzs", "ah-dbzs")]);
        Assert.Equal((3m, 30m), Totals(reversed)["u:yq"]);
        Assert.Contains("更正", reversed.Last().Reason);
    }

    [Fact]
    public void Lines_name_the_unit_and_carriers_by_their_directory_names_and_reasons_carry_no_event_ids()
    {
        var s = Standard(MultiCarrierRule.HighestOnly);
        var state = LedgerRules
            .Apply(
                ReportLedgerState.Empty,
                Adoption("yq~r1~e0011", "ah-web"),
                s,
                id => id == "ah-web" ? "省人大外网" : "《代表之声》",
                _ => "埇桥区人大常委会"
            )
            .State;
        var correction = Adoption("yq~r1~e0012", "ah-dbzs") with
        {
            Kind = LedgerEventKind.AdoptionCorrection,
            ReplacesEventId = "yq~r1~e0011",
        };
        var lines = LedgerRules
            .Apply(state, correction, s, id => id == "ah-web" ? "省人大外网" : "《代表之声》", _ => "埇桥区人大常委会")
            .Lines;
        Assert.Equal("埇桥区人大常委会", lines.Single(l => l.PartyKind == PartyKind.Unit).PartyName);
        Assert.All(lines, l => Assert.DoesNotContain("e0011", l.Reason));
        Assert.StartsWith("更正：撤销省人大外网的采用，改按《代表之声》采用计", lines[0].Reason);
    }

    [Fact]
    public void Endorsements_and_penalties_are_fixed_amounts_and_can_be_reversed()
    {
        var s = Standard(MultiCarrierRule.HighestOnly);
        var endorsement = Adoption("e1", "x") with
        {
            Kind = LedgerEventKind.Endorsement,
            CarrierId = null,
            EndorsementLevel = "省级",
        };
        var penalty = new LedgerMessage(
            "pen1",
            LedgerEventKind.Penalty,
            "topic-1",
            "约稿-1",
            "yq",
            [new("p2", "乙", null)],
            Day,
            "dispatch",
            PenaltyKind: RewardStandard.PenaltyInaccurate
        );
        var (_, lines) = Run(s, [endorsement, penalty]);
        var t = Totals(lines);
        Assert.Equal((3.34m, 33.34m), t["p:p1"]);
        Assert.Equal((3.33m - 5m, 33.33m - 50m), t["p:p2"]);
        Assert.Equal((10m - 5m, 100m - 50m), t["u:yq"]);

        var undo = penalty with
        {
            EventId = "pen1-undo",
            Kind = LedgerEventKind.AdoptionCorrection,
            ReplacesEventId = "pen1",
        };
        var (_, after) = Run(s, [endorsement, penalty, undo]);
        Assert.Equal((3.33m, 33.33m), Totals(after)["p:p2"]);
    }

    [Fact]
    public void Standards_choose_the_version_in_force_on_the_date()
    {
        var v1 = Standard(MultiCarrierRule.HighestOnly, 1);
        var v2 = Standard(MultiCarrierRule.Cumulative, 2) with { EffectiveFrom = new DateOnly(2025, 7, 1) };
        Assert.Null(
            RewardStandard.InForce([v1 with { EffectiveFrom = new DateOnly(2025, 1, 1) }], new DateOnly(2024, 12, 31))
        );
        Assert.Equal(1, RewardStandard.InForce([v1, v2], new DateOnly(2025, 6, 30))!.Version);
        Assert.Equal(2, RewardStandard.InForce([v1, v2], new DateOnly(2025, 7, 1))!.Version);
    }

    [Fact]
    public void Standard_validation_and_demo_figures()
    {
        var demo = RewardStandard.Demo(1, new DateOnly(2014, 1, 1), Day, "admin");
        Assert.Empty(demo.Validate());
        Assert.Equal(50m, demo.Carriers["ah-web"].Yuan);
        Assert.Equal(200m, demo.Carriers["ah-dbzs"].Yuan);
        Assert.Equal(200m, demo.Carriers["ah-xxzk"].Yuan);
        var bad = demo with
        {
            Carriers = new Dictionary<string, RewardAmount> { ["x"] = new(-1, 0.001m) },
            GradeRewards = new Dictionary<string, RewardAmount> { ["一等"] = new(1, 1) },
        };
        Assert.Equal(
            ["carriers[\"x\"].points", "carriers[\"x\"]", "gradeRewards"],
            bad.Validate().Select(e => e.Field)
        );
    }
}
