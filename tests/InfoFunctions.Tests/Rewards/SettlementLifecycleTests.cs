using System.Net;
using System.Text.Json;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

/// <summary>
/// An empty half-year is settled only when the admin confirms it; a settled, unpaid half-year can be reopened (in its
/// history) so back-dated facts count where they happened; the office reads a whole period's ledger page by page; a
/// top-up (补差) says so on the statement; amounts are one format.
/// </summary>
[Collection("rewards")]
public sealed class SettlementLifecycleTests(RewardsFixture f)
{
    private const string Shi = "demo-shi-yuqing", Zhang = "demo-zhang-lei"; // both 泗县 (sx)

    private static LedgerMessage Adoption(string eventId, string report, DateOnly day, string carrier,
        params LedgerAuthor[] authors) =>
        new(eventId, LedgerEventKind.Adoption, report, "TN-" + report, "sx", authors,
            BusinessTime.StartOf(day).AddHours(12), "test-editor", CarrierId: carrier, Title: "泗县人大常委会开展专题询问");

    private async Task<HttpClient> ClientAsync(string personId)
    {
        var t = await f.Admin.PostJsonAsync("api/tokens", new
        {
            personId,
            label = "settlement tests",
            expiresInDays = 1
        });
        t.EnsureSuccessStatusCode();
        return f.App.CreateClient((await t.JsonAsync()).GetProperty("token").GetString());
    }

    private async Task<JsonElement> ProblemAsync(HttpResponseMessage r, HttpStatusCode status, string code)
    {
        var body = await r.JsonAsync();
        Assert.True(r.StatusCode == status, body.ToString());
        Assert.Equal(code, body.GetProperty("code").GetString());
        return body;
    }

    [Fact]
    public async Task An_empty_period_is_refused_then_confirmed_and_a_reopened_period_takes_back_dated_facts()
    {
        await ProblemAsync(await f.Admin.PostAsync("api/rewards/settlements/2025H2/run", null), HttpStatusCode.Conflict,
            "settlement-empty");
        Assert.Equal(HttpStatusCode.NotFound, (await f.Admin.GetAsync("api/rewards/settlements/2025H2")).StatusCode);
        var confirmed = await f.Admin.PostAsync("api/rewards/settlements/2025H2/run?confirmEmpty=true", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var settled = Assert.Single((await confirmed.JsonAsync()).GetProperty("summary").GetProperty("history")
            .EnumerateArray());
        Assert.Equal("settled", settled.GetProperty("what").GetString());
        Assert.Contains("空期", settled.GetProperty("note").GetString());

        // Settled: a fact dated in it goes to the next open period, as an adjustment.
        var early = Adoption("lc-a1", "sx~lc-r1", new(2025, 9, 1), "ah-web", new LedgerAuthor(Shi, "施雨晴", null));
        await f.SendAndWaitAsync(early);
        var moved = await f.Admin.GetAsync($"api/rewards/ledger?period=2026H1&personId={Shi}");
        var movedLine = (await moved.JsonAsync()).GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("eventId").GetString() == "lc-a1");
        Assert.Equal("2025H2", movedLine.GetProperty("originalPeriod").GetString());

        // Reopened, with a reason: the next back-dated fact counts in 2025H2 itself.
        await ProblemAsync(await f.Admin.PostJsonAsync("api/rewards/settlements/2025H2/reopen", new { }),
            HttpStatusCode.BadRequest, "validation-failed");
        var reopen = await f.Admin.PostJsonAsync("api/rewards/settlements/2025H2/reopen",
            new { reason = "补登9月、10月的采用" });
        var reopened = await reopen.JsonAsync();
        Assert.True(reopen.StatusCode == HttpStatusCode.OK, reopened.ToString());
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        var entry = reopened.GetProperty("history")[1];
        Assert.Equal(("reopened", "补登9月、10月的采用"), (entry.GetProperty("what").GetString(),
            entry.GetProperty("note").GetString()));
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("by").GetString()));

        await f.SendAndWaitAsync(Adoption("lc-a2", "sx~lc-r2", new(2025, 10, 1), "ah-web",
            new LedgerAuthor(Shi, "施雨晴", null)));
        var line = (await (await f.Admin.GetAsync($"api/rewards/ledger?period=2025H2&personId={Shi}")).JsonAsync())
            .GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("eventId").GetString() == "lc-a2");
        Assert.False(line.GetProperty("adjustment").GetBoolean());

        // Settled again, with lines: no confirmation needed; the history tells the story.
        var again = await f.SettleAsync("2025H2");
        Assert.Equal(["settled", "reopened", "settled"], again.GetProperty("summary").GetProperty("history")
            .EnumerateArray().Select(e => e.GetProperty("what").GetString()));
        Assert.Equal((5m, 50m), await f.TotalsAsync("2025H2", "person", Shi));

        // Paid: locked for good. A period never settled cannot be reopened.
        Assert.Equal(HttpStatusCode.OK, (await f.Admin.PostAsync("api/rewards/settlements/2025H2/paid",
            null)).StatusCode);
        await ProblemAsync(await f.Admin.PostJsonAsync("api/rewards/settlements/2025H2/reopen", new { reason = "再补登" }),
            HttpStatusCode.Conflict, "settlement-paid");
        await ProblemAsync(await f.Admin.PostJsonAsync("api/rewards/settlements/2019H1/reopen", new { reason = "试" }),
            HttpStatusCode.Conflict, "not-settled");
        using var officer = await ClientAsync(Shi);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await officer.PostJsonAsync("api/rewards/settlements/2025H2/reopen", new { reason = "试" })).StatusCode);
    }

    [Fact]
    public async Task The_office_pages_through_a_whole_period_and_a_top_up_is_explained_on_the_statement()
    {
        // 2020H2 (standard v1, highest only): 省人大外网 5 分 50 元, then 《代表之声》 20 分 200 元 for the same report,
        // two authors sharing equally: the second adoption adds 7.5 分 75 元 each (补差).
        LedgerAuthor[] both = [new(Shi, "施雨晴", null), new(Zhang, "张磊", null)];
        await f.SendAndWaitAsync(
            Adoption("ls-a1", "sx~ls-r1", new(2020, 8, 3), "ah-web", both),
            Adoption("ls-a2", "sx~ls-r1", new(2020, 9, 7), "ah-dbzs", both),
            new LedgerMessage("ls-p1", LedgerEventKind.Penalty, "topic-ls-1", "TN-topic", "sx", [new(Zhang, "张磊",
                null)],
                BusinessTime.StartOf(new DateOnly(2020, 10, 9)).AddHours(12), "test", PenaltyKind: "missed-topic"));
        string[] mine = ["ls-a1", "ls-a2", "ls-p1"];

        async Task<List<JsonElement>> LinesAsync(HttpClient client, string query)
        {
            var r = await client.GetAsync($"api/rewards/ledger?period=2020H2{query}");
            var page = await r.JsonAsync();
            Assert.True(r.StatusCode == HttpStatusCode.OK, page.ToString());
            Assert.Equal("2020H2", page.GetProperty("period").GetString());
            return page.GetProperty("lines").EnumerateArray()
                .Where(l => mine.Contains(l.GetProperty("eventId").GetString())).ToList();
        }

        using var editor = await ClientAsync("demo-lin-xiaowen");
        var all = await LinesAsync(editor, "");
        Assert.Equal(8, all.Count); // two adoptions × (2 people + unit), the penalty × (1 person + unit)
        Assert.All(all.Where(l => l.GetProperty("partyKind").GetString() == "unit"),
            l => Assert.Equal("泗县人大常委会", l.GetProperty("partyName").GetString()));
        Assert.All(await LinesAsync(f.Admin, "&partyKind=unit"),
            l => Assert.Equal("unit", l.GetProperty("partyKind").GetString()));
        Assert.Equal(2, (await LinesAsync(f.Admin, "&kind=penalty")).Count);
        Assert.Equal(3, (await LinesAsync(f.Admin, "&carrierId=ah-dbzs")).Count);
        var topUps = await LinesAsync(f.Admin, "&q=" + Uri.EscapeDataString("补差"));
        Assert.Equal(["ls-a2"], topUps.Select(l => l.GetProperty("eventId").GetString()).Distinct());
        Assert.Equal(3, topUps.Count);

        // Page by page: every line once.
        var seen = new List<string>();
        string? token = null;
        do
        {
            var r = await f.Admin.GetAsync("api/rewards/ledger?period=2020H2&pageSize=2" +
                (token is null ? "" : "&continuationToken=" + token));
            var page = await r.JsonAsync();
            Assert.True(page.GetProperty("lines").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("lines").EnumerateArray().Select(l =>
                l.GetProperty("partyId").GetString() + "|" + l.GetProperty("eventId").GetString() + "|" +
                l.GetProperty("lineNo").GetInt32()));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        } while (token is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(8, seen.Count(s => mine.Any(m => s.Contains("|" + m + "|"))));

        await ProblemAsync(await f.Admin.GetAsync("api/rewards/ledger?period=2020H2&partyKind=team"),
            HttpStatusCode.BadRequest, "validation-failed");
        // An officer without personId still reads their own ledger.
        using var officer = await ClientAsync(Shi);
        var own = await (await officer.GetAsync("api/rewards/ledger?period=2020H2")).JsonAsync();
        Assert.Equal(Shi, own.GetProperty("partyId").GetString());

        // The statement: the second carrier's item is a top-up and says so; numbers without trailing zeros.
        await f.SettleAsync("2020H2");
        var raw = await (await f.Admin.GetAsync($"api/rewards/settlements/2020H2/statements/person/{Shi}")).Content
            .ReadAsStringAsync();
        var items = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().ToList();
        var web = items.Single(i => i.GetProperty("what").GetString() == "省人大外网");
        Assert.Equal((2.5m, 25m), (web.GetProperty("points").GetDecimal(), web.GetProperty("yuan").GetDecimal()));
        Assert.False(web.TryGetProperty("note", out _));
        var voice = items.Single(i => i.GetProperty("what").GetString() == "《代表之声》");
        Assert.Equal((7.5m, 75m), (voice.GetProperty("points").GetDecimal(), voice.GetProperty("yuan").GetDecimal()));
        var note = voice.GetProperty("note").GetString()!;
        Assert.StartsWith("补差：", note);
        Assert.Contains("高于已计的省人大外网（5 分、50.00 元）", note);
        Assert.Contains("按最高载体计奖，补足差额 15 分、150.00 元", note);
        Assert.Contains("\"points\":7.5,\"yuan\":75,", raw);
        Assert.DoesNotMatch(@"\d\.0\b|\.\d0\b", JsonDocument.Parse(raw).RootElement.GetProperty("points").GetRawText());

        var standards = await (await f.Admin.GetAsync("api/rewards/standards")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("isZero", standards);
        Assert.DoesNotMatch(@"""(points|yuan)"":\d+\.(\d*0)\b", standards);
    }
}
