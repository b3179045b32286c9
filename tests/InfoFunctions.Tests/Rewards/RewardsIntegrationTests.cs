using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

[Collection("rewards")]
public sealed class RewardsIntegrationTests(RewardsFixture f)
{
    private const string Yang = "demo-yang-fan",
        Zhu = "demo-zhu-lingling",
        Xu = "demo-xu-zhenyu";

    private static DateTimeOffset Utc(int y, int m, int d, int h = 2) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    private static LedgerMessage Fact(
        string eventId,
        LedgerEventKind kind,
        string report,
        string unit,
        DateTimeOffset at,
        LedgerAuthor[] authors,
        string? carrier = null,
        string? level = null,
        string? penalty = null
    ) =>
        new(
            eventId,
            kind,
            report,
            "TN-" + report,
            unit,
            authors,
            at,
            "test-editor",
            CarrierId: carrier,
            EndorsementLevel: level,
            PenaltyKind: penalty,
            Title: "测试稿件" + report
        );

    [Fact]
    public async Task Worked_example_matches_the_statements()
    {
        // --- 2023 second half, standard v1: highest carrier only. Report R1 by 杨帆 (share 2) and 朱玲玲 (share 1), unit
        // yq.
        LedgerAuthor[] r1Authors = [new(Yang, "杨帆", 2), new(Zhu, "朱玲玲", 1)];
        await f.SendAndWaitAsync(
            // 省人大外网 adopts: 5 points / 50 元.
            Fact("we-a1", LedgerEventKind.Adoption, "yq~we-r1", "yq", Utc(2023, 9, 1), r1Authors, carrier: "ah-web"),
            // 《代表之声》 adopts too: the report now counts at the highest, 20 points / 200 元 (a 补差 of 15 / 150).
            Fact("we-a2", LedgerEventKind.Adoption, "yq~we-r1", "yq", Utc(2023, 10, 1), r1Authors, carrier: "ah-dbzs"),
            // 省级领导批示: +10 points / +100 元.
            Fact("we-e1", LedgerEventKind.Endorsement, "yq~we-r1", "yq", Utc(2023, 11, 1), r1Authors, level: "省级"),
            // 朱玲玲 alone misses a 约稿 deadline: −2 points, 0 元.
            Fact(
                "we-p1",
                LedgerEventKind.Penalty,
                "topic-we-1",
                "yq",
                Utc(2023, 12, 1),
                [new(Zhu, "朱玲玲", null)],
                penalty: RewardStandard.PenaltyMissedTopic
            )
        );

        // By hand, shares 2:1, everyone but the first author cut to the cent, the first takes the rest:
        //   adoption 200 元 → 朱玲玲 200/3 = 66.66, 杨帆 200 − 66.66 = 133.34; 20 points → 6.66 and 13.34
        //   批示 100 元 → 朱玲玲 33.33, 杨帆 66.67; 10 points → 3.33 and 6.67
        //   约稿 penalty → 朱玲玲 −2 points
        // 杨帆: 13.34 + 6.67 = 20.01 points, 133.34 + 66.67 = 200.01 元
        // 朱玲玲: 6.66 + 3.33 − 2 = 7.99 points, 66.66 + 33.33 = 99.99 元  (people together: 300.00 元 = the unit's)
        // unit yq: 20 + 10 − 2 = 28 points, 200 + 100 = 300 元
        var h2023 = await f.SettleAsync("2023H2");
        Assert.Equal((20.01m, 200.01m), await f.TotalsAsync("2023H2", "person", Yang));
        Assert.Equal((7.99m, 99.99m), await f.TotalsAsync("2023H2", "person", Zhu));
        Assert.Equal((28m, 300m), await f.TotalsAsync("2023H2", "unit", "yq"));
        Assert.Equal(300.00m, h2023.GetProperty("summary").GetProperty("personYuan").GetDecimal());
        var yangStatement = await f.StatementAsync("2023H2", "person", Yang);
        Assert.Equal(1, yangStatement.GetProperty("adoptedReports").GetInt32());
        Assert.Equal("yq", yangStatement.GetProperty("unitId").GetString()); // 杨帆 belongs to 埇桥区人大常委会

        // --- 2024 first half, standard v2: cumulative. Report R2 by 许振宇 and 杨帆 (no shares: equal), unit xx.
        LedgerAuthor[] r2Authors = [new(Xu, "许振宇", null), new(Yang, "杨帆", null)];
        await f.SendAndWaitAsync(
            // 5 / 50
            Fact("we-b1", LedgerEventKind.Adoption, "xx~we-r2", "xx", Utc(2024, 3, 1), r2Authors, carrier: "ah-web"),
            Fact("we-b2", LedgerEventKind.Adoption, "xx~we-r2", "xx", Utc(2024, 4, 1), r2Authors, carrier: "sz-rd")
        ); // 3 / 30, added
        // By hand: 50 + 30 = 80 元 and 5 + 3 = 8 points, halved: 40 元 and 4 points each; unit xx 8 / 80.
        await f.SettleAsync("2024H1");
        Assert.Equal((4m, 40m), await f.TotalsAsync("2024H1", "person", Xu));
        Assert.Equal((4m, 40m), await f.TotalsAsync("2024H1", "person", Yang));
        Assert.Equal((8m, 80m), await f.TotalsAsync("2024H1", "unit", "xx"));

        // A late adoption: 《信息专刊》 adopted R2 on 20 June, but the fact arrives after 2024H1 was settled.
        var late = Fact(
            "we-b3",
            LedgerEventKind.Adoption,
            "xx~we-r2",
            "xx",
            Utc(2024, 6, 20),
            r2Authors,
            carrier: "ah-xxzk"
        ); // 20 / 200
        // And R3 by 许振宇 alone, adopted at 1 Jul 07:00 Beijing time, which is still 30 Jun in UTC.
        var boundary = Fact(
            "we-c1",
            LedgerEventKind.Adoption,
            "xx~we-r3",
            "xx",
            new DateTimeOffset(2024, 6, 30, 23, 0, 0, TimeSpan.Zero),
            [new(Xu, "许振宇", null)],
            carrier: "ah-web"
        );
        await f.SendAndWaitAsync(late, boundary);

        // 2024H1 stays as settled: a re-run gives the same figures.
        await f.SettleAsync("2024H1");
        Assert.Equal((4m, 40m), await f.TotalsAsync("2024H1", "person", Xu));

        // By hand for 2024H2: the late 200 元 / 20 points halved as an adjustment (100 / 10 each), plus R3's 50 / 5 to
        // 许振宇.
        // 许振宇: 10 + 5 = 15 points, 100 + 50 = 150 元, of which 100 元 adjustment; 杨帆: 10 points, 100 元, all adjustment.
        await f.SettleAsync("2024H2");
        var xu = await f.StatementAsync("2024H2", "person", Xu);
        Assert.Equal(15m, xu.GetProperty("points").GetDecimal());
        Assert.Equal(150m, xu.GetProperty("yuan").GetDecimal());
        Assert.Equal(100m, xu.GetProperty("adjustmentYuan").GetDecimal());
        Assert.Equal((10m, 100m), await f.TotalsAsync("2024H2", "person", Yang));
        Assert.Equal((25m, 250m), await f.TotalsAsync("2024H2", "unit", "xx"));

        // The lines say why: the late one is flagged with its original period, the boundary one is in H2.
        var ledger = await (await f.Admin.GetAsync($"api/rewards/ledger?period=2024H2&personId={Xu}")).JsonAsync();
        var lines = ledger.GetProperty("lines").EnumerateArray().ToList();
        var lateLine = lines.Single(l => l.GetProperty("eventId").GetString() == "we-b3");
        Assert.True(lateLine.GetProperty("adjustment").GetBoolean());
        Assert.Equal("2024H1", lateLine.GetProperty("originalPeriod").GetString());
        Assert.Contains("跨期调整", lateLine.GetProperty("reason").GetString());
        Assert.Equal(2, lateLine.GetProperty("ruleVersion").GetInt32());
        Assert.Equal("ah-xxzk", lateLine.GetProperty("carrierId").GetString());
        var boundaryLine = lines.Single(l => l.GetProperty("eventId").GetString() == "we-c1");
        Assert.False(boundaryLine.GetProperty("adjustment").GetBoolean());
        Assert.Equal(50m, boundaryLine.GetProperty("yuan").GetDecimal());
    }

    [Fact]
    public async Task The_bulletin_reads_points_where_the_fact_happened_for_the_submitting_unit()
    {
        // 《代表之声》 adopts a 砀山县 report by 许振宇 on 10 May 2020: 20 points (as in the worked example).
        await f.SendAndWaitAsync(
            Fact(
                "bp-a1",
                LedgerEventKind.Adoption,
                "ds~bp-r1",
                "ds",
                Utc(2020, 5, 10),
                [new(Xu, "许振宇", null)],
                carrier: "ah-dbzs"
            )
        );

        var cst = TimeSpan.FromHours(8);
        var source = f.App.Services.GetRequiredService<InfoFunctions.Dispatch.IPointsSource>();
        var mayJune = await source.LoadAsync(new(2020, 5, 1, 0, 0, 0, cst), new(2020, 7, 1, 0, 0, 0, cst), default);
        var mine = Assert.Single(mayJune, p => p.PersonId == Xu && p.UnitId == "ds");
        Assert.Equal(20m, mine.Points);
        var marchApril = await source.LoadAsync(new(2020, 3, 1, 0, 0, 0, cst), new(2020, 5, 1, 0, 0, 0, cst), default);
        Assert.DoesNotContain(marchApril, p => p.PersonId == Xu);
    }

    [Fact]
    public async Task Redelivered_ledger_messages_add_nothing()
    {
        var m = Fact(
            "rd-a1",
            LedgerEventKind.Adoption,
            "yq~rd-r1",
            "yq",
            Utc(2022, 2, 1),
            [new(Yang, "杨帆", null), new(Zhu, "朱玲玲", null)],
            carrier: "ah-dbzs"
        );
        // The same message twice at once, then once more after it was applied.
        await f.EnqueueAsync(m);
        await f.EnqueueAsync(m);
        await f.WaitAppliedAsync(m);
        await f.EnqueueAsync(m);
        var queue = f.App.Queues.GetQueueClient(StorageNames.Queues.Ledger);
        await Eventually.HoldsAsync(
            async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            "ledger queue drained"
        );

        var table = f.App.Tables.GetTableClient(StorageNames.Tables.Ledger);
        var rows = await table
            .QueryAsync<TableEntity>(e => e.PartitionKey == "2022H1" && e.GetString("EventId") == "rd-a1")
            .ToListAsync();
        Assert.Equal(3, rows.Count); // two authors and the unit, once each
        var poison = f.App.Queues.GetQueueClient(StorageNames.Queues.Ledger + "-poison");
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await f.SettleAsync("2022H1");
        // 200 元 / 20 points halved.
        Assert.Equal((10m, 100m), await f.TotalsAsync("2022H1", "person", Yang));
        Assert.Equal((10m, 100m), await f.TotalsAsync("2022H1", "person", Zhu));
        Assert.Equal((20m, 200m), await f.TotalsAsync("2022H1", "unit", "yq"));
    }

    [Fact]
    public async Task Settling_twice_gives_the_same_result_sheets_and_one_email_each()
    {
        await f.SendAndWaitAsync(
            Fact(
                "st-a1",
                LedgerEventKind.Adoption,
                "xx~st-r1",
                "xx",
                Utc(2022, 8, 1),
                [new(Xu, "许振宇", null)],
                carrier: "ah-xxzk"
            ),
            Fact(
                "st-a2",
                LedgerEventKind.Adoption,
                "yq~st-r2",
                "yq",
                Utc(2022, 9, 1),
                [new(Yang, "杨帆", null)],
                carrier: "ah-web"
            )
        );
        var first = (await f.SettleAsync("2022H2")).GetProperty("summary");
        var firstStatement = (await f.StatementAsync("2022H2", "person", Xu)).GetRawText();
        // Statements are emailed once per person: the re-run below sends nothing again.
        var notifications = f.App.Queues.GetQueueClient(StorageNames.Queues.Notifications);
        var outbox = f.App.Blobs.GetBlobContainerClient(StorageNames.Containers.Outbox);
        async Task<List<JsonElement>> Emails()
        {
            var list = new List<JsonElement>();
            await foreach (var b in outbox.GetBlobsAsync())
                if (b.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    var e = JsonDocument
                        .Parse((await outbox.GetBlobClient(b.Name).DownloadContentAsync()).Value.Content.ToString())
                        .RootElement.Clone();
                    if (
                        e.GetProperty("idempotencyKey")
                            .GetString()!
                            .StartsWith("half-year-statement:2022H2:", StringComparison.Ordinal)
                    )
                        list.Add(e);
                }
            return list;
        }
        await Eventually.HoldsAsync(async () => (await Emails()).Count >= 2, "statement emails written");
        var second = (await f.SettleAsync("2022H2")).GetProperty("summary");

        foreach (
            var p in new[]
            {
                "personYuan", "personPoints", "unitYuan", "lineCount", "persons", "units", "contentHash",
                "firstSettledAt",
            }
        )
            Assert.Equal(first.GetProperty(p).GetRawText(), second.GetProperty(p).GetRawText());
        Assert.Equal(250m, second.GetProperty("personYuan").GetDecimal());
        Assert.Equal(firstStatement, (await f.StatementAsync("2022H2", "person", Xu)).GetRawText());

        // The XLSX payout sheet opens with OpenXml and holds the totals as numbers.
        var xlsx = await f.Admin.GetAsync("api/rewards/settlements/2022H2/payout/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var wb = doc.WorkbookPart!;
            var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "个人");
            var rows = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            string Text(Cell c) => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "";
            var total = rows.Single(r => r.Elements<Cell>().Any(c => Text(c) == "合计")).Elements<Cell>().ToList();
            Assert.Equal(
                250m,
                decimal.Parse(total[6].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)
            );
            Assert.Equal(
                25m,
                decimal.Parse(total[5].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)
            );
            var xuRow = rows.Single(r => r.Elements<Cell>().Any(c => Text(c) == Xu)).Elements<Cell>().ToList();
            Assert.Equal("许振宇", Text(xuRow[2]));
            Assert.Equal(
                200m,
                decimal.Parse(xuRow[6].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)
            );
        }

        // The CSV is UTF-8 with a BOM and carries the same total.
        var csv = await (
            await f.Admin.GetAsync("api/rewards/settlements/2022H2/payout/csv")
        ).Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.Contains("许振宇", text);
        Assert.Contains("合计", text.Split("\r\n").Single(l => l.Contains("250.00")));

        // The re-run's notices carry the same idempotency keys (same content hash), so once they are taken
        // off the queue nothing new is written.
        await Eventually.HoldsAsync(
            async () =>
                !(await notifications.PeekMessagesAsync(32)).Value.Any(m =>
                    m.Body.ToString().Contains("half-year-statement:2022H2:")
                ),
            "re-run notices taken"
        );
        var emails = await Emails();
        Assert.Equal(2, emails.Count);
        var xuMail = emails.Single(e => e.GetProperty("to").GetString()!.Contains("xu.zhenyu"));
        Assert.Contains("200.00", xuMail.GetProperty("text").GetString());
        Assert.Contains("2022年下半年", xuMail.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_paid_settlement_is_locked_and_later_lines_move_on()
    {
        await f.SendAndWaitAsync(
            Fact(
                "pd-a1",
                LedgerEventKind.Adoption,
                "yq~pd-r1",
                "yq",
                Utc(2021, 3, 1),
                [new(Yang, "杨帆", null)],
                carrier: "sz-xxzk"
            )
        );
        await f.SettleAsync("2021H1");
        var paid = await f.Admin.PostAsync("api/rewards/settlements/2021H1/paid", null);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("paid", (await paid.JsonAsync()).GetProperty("status").GetString());

        var rerun = await f.Admin.PostAsync("api/rewards/settlements/2021H1/run", null);
        Assert.Equal(HttpStatusCode.Conflict, rerun.StatusCode);
        Assert.Equal("settlement-paid", (await rerun.JsonAsync()).GetProperty("code").GetString());

        // A correction for the paid half-year lands in the next one.
        var correction = Fact(
            "pd-c1",
            LedgerEventKind.AdoptionCorrection,
            "yq~pd-r1",
            "yq",
            Utc(2021, 4, 1),
            [new(Yang, "杨帆", null)]
        ) with
        {
            ReplacesEventId = "pd-a1",
        };
        await f.SendAndWaitAsync(correction);
        Assert.Equal((2m, 20m), await f.TotalsAsync("2021H1", "person", Yang));
        await f.SettleAsync("2021H2");
        var next = await f.StatementAsync("2021H2", "person", Yang);
        Assert.Equal(-20m, next.GetProperty("yuan").GetDecimal());
        Assert.Equal(-20m, next.GetProperty("adjustmentYuan").GetDecimal());
    }

    [Fact]
    public async Task Open_periods_cannot_be_settled_and_standards_cannot_start_in_settled_ones()
    {
        var now = HalfYear.Of(DateTimeOffset.UtcNow);
        var open = await f.Admin.PostAsync($"api/rewards/settlements/{now.Key}/run", null);
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Equal("period-open", (await open.JsonAsync()).GetProperty("code").GetString());

        // Nothing in it: settled only as confirmed.
        Assert.Equal(
            HttpStatusCode.OK,
            (await f.Admin.PostAsync("api/rewards/settlements/2019H2/run?confirmEmpty=true", null)).StatusCode
        );
        var back = await f.Admin.PostJsonAsync(
            "api/rewards/standards",
            RewardsFixture.Input("2019-12-01", "cumulative")
        );
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Equal("period-settled", (await back.JsonAsync()).GetProperty("code").GetString());

        var bad = await f.Admin.PostJsonAsync("api/rewards/standards", RewardsFixture.Input("2031-02-30", "both"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await f.App.CreateClient().PostAsync("api/rewards/settlements/2019H2/run", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await f.Admin.GetAsync("api/rewards/ledger?period=2019H3")).StatusCode
        );
    }

    [Fact]
    public async Task Officers_read_their_own_ledger_only()
    {
        var t = await f.Admin.PostJsonAsync(
            "api/tokens",
            new
            {
                personId = Zhu,
                label = "rewards-test",
                expiresInDays = 1,
            }
        );
        t.EnsureSuccessStatusCode();
        using var zhu = f.App.CreateClient((await t.JsonAsync()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await zhu.GetAsync("api/rewards/ledger?period=2023H2")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await zhu.GetAsync($"api/rewards/ledger?period=2023H2&personId={Yang}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await zhu.PostAsync("api/rewards/settlements/2023H2/run", null)).StatusCode
        );
    }

    [Fact]
    public async Task Preview_shows_each_persons_change_for_the_open_period_and_stores_nothing()
    {
        // Two carriers for one report by 许振宇 in the current half-year (v2: cumulative, 50 + 30 = 80 元, 8 points).
        var open = HalfYear.Of(DateTimeOffset.UtcNow);
        var at = open.StartUtc.AddHours(1);
        await f.SendAndWaitAsync(
            Fact("pv-a1", LedgerEventKind.Adoption, "xx~pv-r1", "xx", at, [new(Xu, "许振宇", null)], carrier: "ah-web"),
            Fact(
                "pv-a2",
                LedgerEventKind.Adoption,
                "xx~pv-r1",
                "xx",
                at.AddHours(1),
                [new(Xu, "许振宇", null)],
                carrier: "sz-rd"
            )
        );

        // Proposed: 省人大外网 raised to 100 元 / 8 points and the highest carrier only → 100 元, 8 points: +20 元, +0 points.
        var proposed = RewardsFixture.Input(open.Next.FirstDay.ToString("yyyy-MM-dd"), "highestOnly");
        proposed.Carriers!["ah-web"] = new RewardAmount(8, 100);
        var r = await f.Admin.PostJsonAsync("api/rewards/standards/preview", proposed);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var preview = await r.JsonAsync();
        Assert.Equal(open.Key, preview.GetProperty("period").GetString());
        var xu = preview
            .GetProperty("parties")
            .EnumerateArray()
            .Single(p => p.GetProperty("partyId").GetString() == Xu);
        Assert.Equal(80m, xu.GetProperty("currentYuan").GetDecimal());
        Assert.Equal(100m, xu.GetProperty("proposedYuan").GetDecimal());
        Assert.Equal(20m, xu.GetProperty("deltaYuan").GetDecimal());
        Assert.Equal(0m, xu.GetProperty("deltaPoints").GetDecimal());

        // Nothing changed: the ledger still says 80 元, and no new version was stored.
        var ledger = await (await f.Admin.GetAsync($"api/rewards/ledger?period={open.Key}&personId={Xu}")).JsonAsync();
        Assert.Equal(80m, ledger.GetProperty("yuan").GetDecimal());
        var versions = await (await f.Admin.GetAsync("api/rewards/standards")).JsonAsync();
        Assert.DoesNotContain(
            versions.EnumerateArray(),
            v => v.GetProperty("carriers").GetProperty("ah-web").GetProperty("yuan").GetDecimal() == 100m
        );
    }
}
