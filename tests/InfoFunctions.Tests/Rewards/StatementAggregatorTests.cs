using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

public sealed class StatementAggregatorTests
{
    private static LedgerLine Line(
        PartyKind kind,
        string party,
        string report,
        string? carrier,
        decimal yuan,
        bool adjustment = false,
        LedgerEventKind ev = LedgerEventKind.Adoption
    ) =>
        new(
            "2025H1",
            kind,
            party,
            party + "名",
            Guid.NewGuid().ToString("N"),
            1,
            ev,
            report,
            "TN-" + report,
            "标题" + report,
            carrier,
            1,
            yuan / 10,
            yuan,
            "因为",
            DateTimeOffset.UnixEpoch,
            adjustment
        );

    [Fact]
    public void Folds_lines_grouped_by_party_into_statements_with_items_per_report_and_carrier()
    {
        var agg = new StatementAggregator("2025H1", id => id == "ah-web" ? "省人大外网" : id);
        agg.Add(Line(PartyKind.Person, "a", "r1", "ah-web", 50));
        agg.Add(Line(PartyKind.Person, "a", "r1", "ah-dbzs", 150));
        agg.Add(Line(PartyKind.Person, "a", "r1", "ah-web", 0));
        agg.Add(Line(PartyKind.Person, "a", "r2", null, 100, ev: LedgerEventKind.Endorsement));
        agg.Add(Line(PartyKind.Person, "a", "r3", "sz-rd", 30, adjustment: true));
        agg.Add(Line(PartyKind.Person, "b", "r1", "ah-web", 50));
        agg.Add(Line(PartyKind.Unit, "yq", "r1", "ah-web", 50));
        var s = agg.Complete();

        Assert.Equal(3, s.Count);
        Assert.Equal(7, agg.LineCount);
        var a = s[0];
        Assert.Equal(330m, a.Yuan);
        Assert.Equal(33m, a.Points);
        Assert.Equal(30m, a.AdjustmentYuan);
        Assert.Equal(2, a.AdoptedReports); // r1 and r3; r2 was an endorsement
        Assert.Equal(50m, a.Items.Single(i => i.What == "省人大外网").Yuan);
        Assert.Equal(150m, a.Items.Single(i => i.What == "ah-dbzs").Yuan);
        Assert.Contains(a.Items, i => i.What == "领导批示");
        Assert.Contains(a.Items, i => i.What.Contains("跨期调整"));
        Assert.Equal(50m, s[1].Yuan);
        Assert.Equal(PartyKind.Unit, s[2].PartyKind);
    }

    [Fact]
    public void Detail_items_are_bounded_while_totals_stay_exact()
    {
        var agg = new StatementAggregator("2025H1", id => id, maxItems: 10);
        for (var i = 0; i < 1000; i++)
            agg.Add(Line(PartyKind.Person, "a", $"r{i:D4}", "ah-web", 1));
        var s = agg.Complete().Single();
        Assert.Equal(1000m, s.Yuan);
        Assert.Equal(1000, s.LineCount);
        Assert.Equal(10, s.Items.Count);
        Assert.True(s.ItemsTruncated);
    }
}
