using System.Net;
using System.Text.Json;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Walks;

/// <summary>
/// A report as its people see it, from submission to the half-year statement: the editor retitles it (version 2),
/// returns it, the author resubmits a revised body (version 3, still version 2's title), and from then on every
/// reader shows that title — the report, the list and its search, the ledger, the statement and the emails — with
/// names, not ids, and the top-up explained.
/// </summary>
public sealed class UserWalkTests(UserWalkFixture f) : IClassFixture<UserWalkFixture>
{
    private const string Zhu = "demo-zhu-lingling"; // 杨帆's co-author, given by personId alone

    private static async Task<JsonElement> OkJsonAsync(HttpClient client, string url)
    {
        var r = await client.GetAsync(url);
        var body = await r.JsonAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url}: {(int)r.StatusCode} {body}");
        return body;
    }

    /// <summary>The report's lines in the 2026H1 ledger, once there are <paramref name="count"/>.</summary>
    private async Task<List<JsonElement>> LedgerLinesAsync(string id, int count)
    {
        List<JsonElement> lines = [];
        await Eventually.HoldsAsync(async () =>
        {
            var url = $"api/rewards/ledger?period=2026H1&reportId={Uri.EscapeDataString(id)}";
            lines = (await OkJsonAsync(f.Admin, url)).GetProperty("lines").EnumerateArray().ToList();
            return lines.Count == count;
        }, $"{count} ledger lines of the report");
        return lines;
    }

    [Fact]
    public async Task Version_2s_title_is_what_the_list_search_ledger_statement_and_emails_show()
    {
        using var officer = await f.ClientForAsync(YangFan);
        using var signer = await f.ClientForAsync(ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await f.ClientForAsync(GaoJianguo);
        string first = "埇桥区人大常委会视察农村饮水工程", second = "埇桥区人大常委会专题视察农村饮水安全工程建设";
        var created = await officer.PostJsonAsync("api/reports", new
        {
            title = first,
            body = WalkBody("11"),
            category = "dailyNews",
            authors = new[] { new { personId = YangFan }, new { personId = Zhu } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetString()!;

        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await f.ClientForAsync(editorId);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "saveEdit", "editing", new { title = second, comment = "标题点明主题" });
        etag = await OkAsync(editor, id, etag, "return", "returned", new { comment = "请补充受益群众人数。" });
        etag = await OkAsync(officer, id, etag, "resubmit", "awaitingEdit",
            new { body = WalkBody("11") + "工程建成后将惠及沿线3万余名群众。" });
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(leaderSigner, id, etag, "signOff", "signedOff");
        f.Clock.Now = f.Clock.Now.AddDays(1); // forwarded on 12 May
        etag = await OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new[] { new { carrierId = "ah-web" }, new { carrierId = "ah-dbzs" } } });
        f.Clock.Now = f.Clock.Now.AddDays(3); // the website adopts on 15 May, 《代表之声》 on 18 May
        etag = await OkAsync(editor, id, etag, "adopt", "adopted",
            new { adoption = new { carrierId = "ah-web", adoptedOn = "2026-05-15" } });
        await LedgerLinesAsync(id, 3);
        f.Clock.Now = f.Clock.Now.AddDays(3);
        await OkAsync(editor, id, etag, "adopt", "adopted",
            new { adoption = new { carrierId = "ah-dbzs", adoptedOn = "2026-05-18", issue = "2026年第5期" } });

        // The report, the list and its search.
        var (report, _) = await GetAsync(officer, id);
        Assert.Equal((second, 3), (report.GetProperty("title").GetString(), report.GetProperty("version").GetInt32()));
        var found = await OkJsonAsync(officer, $"api/reports?q={Uri.EscapeDataString("农村饮水安全工程")}");
        var hit = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(second, hit.GetProperty("title").GetString());
        Assert.Empty((await OkJsonAsync(officer, $"api/reports?q={Uri.EscapeDataString("视察农村饮水工程")}"))
            .GetProperty("items").EnumerateArray());
        var listed = (await OkJsonAsync(officer, "api/reports")).GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == id);
        Assert.Equal(second, listed.GetProperty("title").GetString());

        // The ledger: each author's share under version 2's title; the unit by its name.
        var lines = await LedgerLinesAsync(id, 6); // two adoptions × (two authors + the unit)
        Assert.All(lines, l => Assert.Equal(second, l.GetProperty("title").GetString()));
        Assert.Equal(["埇桥区人大常委会", "朱玲玲", "杨帆"], lines.Select(l => l.GetProperty("partyName").GetString())
            .Distinct().Order());

        // Settled in July: the statements carry the title, the top-up says so, the amounts are halves.
        f.Clock.Now = new DateTimeOffset(2026, 7, 2, 2, 0, 0, TimeSpan.Zero);
        var settle = await f.Admin.PostAsync("api/rewards/settlements/2026H1/run", null);
        Assert.True(settle.IsSuccessStatusCode, await settle.Content.ReadAsStringAsync());
        var statement = await OkJsonAsync(officer, $"api/rewards/settlements/2026H1/statements/person/{YangFan}");
        var items = statement.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal(second, i.GetProperty("title").GetString()));
        Assert.Equal((10m, 100m),
            (statement.GetProperty("points").GetDecimal(), statement.GetProperty("yuan").GetDecimal()));
        var topUp = items.Single(i => i.GetProperty("what").GetString() == "《代表之声》");
        Assert.Equal((7.5m, 75m), (topUp.GetProperty("points").GetDecimal(), topUp.GetProperty("yuan").GetDecimal()));
        Assert.StartsWith("补差：", topUp.GetProperty("note").GetString());
        var unit = await OkJsonAsync(f.Admin, "api/rewards/settlements/2026H1/statements/unit/yq");
        Assert.Equal("埇桥区人大常委会", unit.GetProperty("name").GetString());

        // The emails: forward and adoption notices to both authors, the statement email, all with version 2's title.
        var mails = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            var outbox = (await OkJsonAsync(f.Admin, "api/notifications/outbox")).EnumerateArray().ToList();
            mails = outbox.Where(m => m.GetProperty("template").GetString() is "forwarded-after-sign-off" or "adopted"
                or "half-year-statement").ToList();
            return mails.Count == 8; // forward 2 + adoptions 2 × 2 authors + 2 statements
        }, "forward, adoption and statement emails to both authors");
        foreach (var m in mails)
        {
            var url = $"api/notifications/outbox/{m.GetProperty("id").GetString()}?format=json";
            var mail = await OkJsonAsync(f.Admin, url);
            Assert.Contains(second, mail.GetProperty("text").GetString());
            Assert.DoesNotContain(first, mail.GetProperty("text").GetString());
        }
        Assert.Equal(4, mails.Count(m => m.GetProperty("to").GetString()!.Contains("zhu.lingling")));
    }
}
