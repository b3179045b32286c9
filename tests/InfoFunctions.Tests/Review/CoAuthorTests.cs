using System.Net;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>Co-authors given by personId alone are named by the directory and told of forwards and adoptions.</summary>
[Collection("app")]
public sealed class CoAuthorTests(AppFixture fx)
{
    private const string ZhuLingling = "demo-zhu-lingling"; // officer and deputy, yq

    [Fact]
    public async Task A_co_author_by_personId_is_named_and_gets_the_forward_and_adoption_notices()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await ClientAsync(fx, GaoJianguo);
        var title = "埇桥区人大代表联络站开展集中接待活动" + Guid.NewGuid().ToString("N")[..4];
        var created = await officer.PostJsonAsync("api/reports", new
        {
            title,
            body = WalkBody("24"),
            category = "dailyNews",
            authors = new[] { new { personId = YangFan }, new { personId = ZhuLingling } },
        });
        var report = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, report.ToString());
        Assert.Equal(["杨帆", "朱玲玲"], report.GetProperty("authors").EnumerateArray()
            .Select(a => a.GetProperty("name").GetString()));

        // A personId the directory does not know, without a name, is refused with the field.
        var unknown = await officer.PostJsonAsync("api/reports", new
        {
            title,
            body = WalkBody("24"),
            authors = new[] { new { personId = YangFan },
                new { personId = "demo-nobody" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.JsonAsync();
        Assert.Equal("authors[1].personId", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("demo-nobody", problem.GetProperty("errors")[0].GetProperty("message").GetString());

        var id = report.GetProperty("id").GetString()!;
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        using var editor = await ClientAsync(fx, (await GetAsync(officer,
            id)).Report.GetProperty("editorId").GetString()!);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(leaderSigner, id, etag, "signOff", "signedOff");
        etag = await OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new[] { new { carrierId = "ah-web" } } });
        await OkAsync(editor, id, etag, "adopt", "adopted", new
        {
            adoption = new
            {
                carrierId = "ah-web",
                adoptedOn = Today
            }
        });

        var history = (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync()).EnumerateArray()
            .ToList();
        var keys = history.Where(e => e.GetProperty("what").GetString() is "forward" or "adopt")
            .Select(e => $"{id}~e{e.GetProperty("sequence").GetInt32():D4}").ToList();
        using var admin = fx.CreateAdminClient();
        var sent = new List<(string Key, string To, string Subject)>();
        await Eventually.HoldsAsync(async () =>
        {
            var outbox = await (await admin.GetAsync("api/notifications/outbox")).JsonAsync();
            sent = outbox.EnumerateArray().Where(x => keys.Contains(x.GetProperty("idempotencyKey").GetString()!))
                .Select(x => (x.GetProperty("idempotencyKey").GetString()!, x.GetProperty("to").GetString()!,
                    x.GetProperty("subject").GetString()!)).ToList();
            return sent.Count == 4;
        }, "forward and adoption notices to both authors");
        foreach (var key in keys)
            Assert.Equal(["yang.fan@example.org", "zhu.lingling@example.org"],
                sent.Where(s => s.Key == key).Select(s => s.To).Order());
        Assert.All(sent, s => Assert.Contains(title, s.Subject));
    }
}
