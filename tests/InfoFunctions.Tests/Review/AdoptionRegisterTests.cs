using System.Net;
using System.Text.Json;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// The adoption register with 领导批示 (<c>GET /api/review/adoptions</c>) and searching reports by body text and
/// by carrier (<c>GET /api/reports?q=&amp;carrierId=</c>), as the leaders' pages use them.
/// </summary>
[Collection("app")]
public sealed class AdoptionRegisterTests(AppFixture fx)
{
    [Fact]
    public async Task The_register_lists_adoptions_with_endorsements_and_search_finds_body_text_and_carriers()
    {
        using var officer = await ClientAsync(fx, QinHaoyu);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await ClientAsync(fx, GaoJianguo);
        var salt = Guid.NewGuid().ToString("N")[..6];
        var marker = "酥梨" + salt;   // only in the body
        var id = await SubmitAsync(officer, "砀山县人大常委会视察特色产业发展" + salt,
            WalkBody("09").Replace("座谈会上，", $"座谈会上，代表们察看了{marker}基地，"));
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        using var editor = await ClientAsync(fx, editorId);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(leaderSigner, id, etag, "signOff", "signedOff");
        etag = await OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new object[] { new { carrierId = "sz-rd" }, new { carrierId = "ah-web" } } });
        await OkAsync(editor, id, etag, "adopt", "adopted", new
        {
            adoption = new
            {
                carrierId = "sz-rd",
                adoptedOn = Today,
                issue = "2026年第10期",
                page = "第3版",
                endorsementLevel = "市级",
                endorsedBy = "市人大常委会主任",
                endorsementText = "经验做法很好，请研究室总结推广。",
            },
        });

        using var leader = await ClientAsync(fx, GaoJianguo);
        // Adopted today: dates may not be earlier than the forwarding (today) nor later than today.
        var register = await (await leader.GetAsync($"api/review/adoptions?from={Today}&to={Today}")).JsonAsync();
        var row = Assert.Single(register.EnumerateArray(), r => r.GetProperty("reportId").GetString() == id);
        Assert.Equal("sz-rd", row.GetProperty("carrierId").GetString());
        Assert.Equal(Today, row.GetProperty("adoptedOn").GetString());
        Assert.Equal("2026年第10期", row.GetProperty("issue").GetString());
        Assert.Equal("市人大常委会主任", row.GetProperty("endorsedBy").GetString());
        Assert.Equal("经验做法很好，请研究室总结推广。", row.GetProperty("endorsementText").GetString());
        Assert.Equal("ds", row.GetProperty("unitId").GetString());
        // Forwarded to ah-web but not adopted there: not in the register. Outside the dates: not listed.
        Assert.DoesNotContain(register.EnumerateArray(), r => r.GetProperty("reportId").GetString() == id
            && r.GetProperty("carrierId").GetString() == "ah-web");
        var later = BusinessTime.DayOf(DateTimeOffset.UtcNow).AddDays(1);
        var after = await (await leader.GetAsync(
            $"api/review/adoptions?from={BusinessTime.Format(later)}&to={BusinessTime.Format(later.AddDays(30))}"))
            .JsonAsync();
        Assert.DoesNotContain(after.EnumerateArray(), r => r.GetProperty("reportId").GetString() == id);

        var bad = await leader.GetAsync("api/review/adoptions?from=2026-10&to=2026-09-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.JsonAsync();
        Assert.Equal("invalid-query", problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("field").GetString() == "from");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(
            "api/review/adoptions?from=2026-10-01&to=2026-10-31")).StatusCode);

        // Search: text only in the body; the carrier it went to (adopted or only forwarded); combined filters.
        Assert.Equal([id], await FoundAsync(leader, $"q={Uri.EscapeDataString(marker)}"));
        Assert.Empty(await FoundAsync(leader, $"q={Uri.EscapeDataString("没有这段文字" + salt)}"));
        Assert.Contains(id, await FoundAsync(leader, "carrierId=sz-rd&status=adopted&unitId=ds"));
        Assert.Contains(id, await FoundAsync(leader, "carrierId=ah-web"));
        Assert.Equal([id], await FoundAsync(leader, $"carrierId=ah-web&q={Uri.EscapeDataString(marker)}"));
        Assert.Empty(await FoundAsync(leader, $"carrierId=ah-dbzs&q={Uri.EscapeDataString(marker)}"));
        Assert.Empty(await FoundAsync(leader, $"carrierId=sz-rd&status=returned&q={Uri.EscapeDataString(marker)}"));
        Assert.Empty(await FoundAsync(leader, $"carrierId=sz-rd&unitId=yq&q={Uri.EscapeDataString(marker)}"));
    }

    /// <summary>Every report id the list returns for the query, following continuation tokens.</summary>
    private static async Task<List<string>> FoundAsync(HttpClient client, string query)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var url = $"api/reports?{query}&pageSize=200" +
                (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String
                ? next.GetString() : null;
        } while (token is not null);
        return ids;
    }
}
