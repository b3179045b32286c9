using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>On its own app and storage: other suites add editors to the round robin.</summary>
public class ReviewWalkTests(AppFixture fx) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task One_report_walks_every_stage_with_a_return_and_two_adopting_carriers()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await ClientAsync(fx, GaoJianguo);
        using (var setup = fx.CreateAdminClient())
            Assert.True((await setup.PostAsync("api/rewards/standards/demo", null)).IsSuccessStatusCode);
        var id = await SubmitAsync(
            officer,
            "萧县人大常委会听取代表对义务教育的意见" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("01")
        );
        var tracking = (await GetAsync(officer, id)).Report.GetProperty("trackingNumber").GetString();

        // Queue: checks pass, an editor on duty is assigned.
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        var editorId = (await GetAsync(officer, id)).Report.GetProperty("editorId").GetString()!;
        Assert.Contains(editorId, new[] { ZhouMingyuan, LinXiaowen, HeJiarui });
        using var editor = await ClientAsync(fx, editorId);

        // The editor sees it in their queue.
        var queue = await (await editor.GetAsync("api/review/queue?as=editor")).JsonAsync();
        Assert.Contains(queue.EnumerateArray(), x => x.GetProperty("id").GetString() == id);

        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        var edited = WalkBody("01").Replace("召开座谈会", "召开专题座谈会").Replace("踊跃发言，", "");
        etag = await OkAsync(editor, id, etag, "saveEdit", "editing", new { body = edited, comment = "精简表述" });
        etag = await OkAsync(
            editor,
            id,
            etag,
            "return",
            "returned",
            new { comment = "请补充会议时间和参会代表人数。" }
        );

        // The officer sees what the editor changed, as a readable diff.
        var diff = await (await officer.GetAsync($"api/reports/{id}/diff?from=1&to=2")).JsonAsync();
        var body = diff.GetProperty("body")
            .EnumerateArray()
            .Select(s => (s.GetProperty("op").GetString(), s.GetProperty("text").GetString()))
            .ToList();
        Assert.Contains(("insert", "专题"), body);
        Assert.Contains(("delete", "踊跃发言，"), body);
        Assert.Equal(WalkBody("01"), string.Concat(body.Where(s => s.Item1 != "insert").Select(s => s.Item2)));

        // Resubmission keeps the tracking number and goes back to the same editor.
        var revised = edited.Replace("11月01日", "11月01日上午") + "全县30余名人大代表参加座谈。";
        etag = await OkAsync(officer, id, etag, "resubmit", "awaitingEdit", new { body = revised, comment = "已补充" });
        var (afterResubmit, _) = await GetAsync(officer, id);
        Assert.Equal(tracking, afterResubmit.GetProperty("trackingNumber").GetString());
        Assert.Equal(editorId, afterResubmit.GetProperty("editorId").GetString());

        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        var signQueue = await (await signer.GetAsync("api/review/queue?as=signer")).JsonAsync();
        Assert.Contains(signQueue.EnumerateArray(), x => x.GetProperty("id").GetString() == id);
        etag = await OkAsync(leaderSigner, id, etag, "signOff", "signedOff");
        etag = await OkAsync(
            editor,
            id,
            etag,
            "forward",
            "forwarded",
            new { carriers = new object[] { new { carrierId = "ah-web", date = Today }, new { carrierId = "sz-rd" } } }
        );
        // Evidence: a screenshot of the carrier's page, uploaded first, then named by the adoption.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 200).Select(i => (byte)i)];
        var upload = await editor.PostAsync(
            $"api/reports/{id}/evidence/{Uri.EscapeDataString("网站截图.png")}",
            new ByteArrayContent(png)
        );
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var evidence = (await upload.JsonAsync()).GetProperty("evidence").GetString();
        var badEvidence = await ActAsync(
            editor,
            id,
            etag,
            "adopt",
            new
            {
                adoption = new
                {
                    carrierId = "ah-web",
                    adoptedOn = Today,
                    evidence = "evidence/没有上传.png",
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, badEvidence.StatusCode);
        etag = await OkAsync(
            editor,
            id,
            etag,
            "adopt",
            "adopted",
            new
            {
                adoption = new
                {
                    carrierId = "ah-web",
                    adoptedOn = Today,
                    url = "https://example.org/xw/1",
                    evidence,
                },
            }
        );
        var link = await (
            await officer.GetAsync($"api/reports/{id}/evidence/{Uri.EscapeDataString("网站截图.png")}/link")
        ).JsonAsync();
        using (var anonymous = new HttpClient())
            Assert.Equal(png, await anonymous.GetByteArrayAsync(link.GetProperty("url").GetString()));
        etag = await OkAsync(
            editor,
            id,
            etag,
            "adopt",
            "adopted",
            new
            {
                adoption = new
                {
                    carrierId = "sz-rd",
                    adoptedOn = Today,
                    issue = "2026年第11期",
                    page = "第8版",
                    endorsementLevel = "市级",
                    endorsedBy = "市人大常委会主任",
                },
            }
        );
        // A wrong issue number is corrected by a new event that reverses and replaces.
        etag = await OkAsync(
            editor,
            id,
            etag,
            "correctAdoption",
            "adopted",
            new
            {
                comment = "期号登记有误",
                adoption = new
                {
                    carrierId = "sz-rd",
                    adoptedOn = Today,
                    issue = "2026年第12期",
                    page = "第8版",
                    endorsementLevel = "市级",
                    endorsedBy = "市人大常委会主任",
                },
            }
        );

        // The 通报 reads the register: both adoptions, on their Beijing days, with the carriers' levels.
        var today = BusinessTime.DayOf(DateTimeOffset.UtcNow);
        var register = await fx
            .App.Services.GetRequiredService<InfoFunctions.Dispatch.IAdoptionSource>()
            .LoadAsync(BusinessTime.StartOf(today), BusinessTime.StartOf(today.AddDays(1)), default);
        var adopted = register.Where(r => r.ReportId == id).OrderBy(r => r.CarrierId).ToList();
        Assert.Equal(["ah-web", "sz-rd"], adopted.Select(r => r.CarrierId));
        Assert.Equal(
            [InfoFunctions.Dispatch.CarrierTier.Provincial, InfoFunctions.Dispatch.CarrierTier.Municipal],
            adopted.Select(r => r.Tier)
        );
        Assert.Equal(BusinessTime.StartOf(today), adopted[0].AdoptedAt);

        var carriers = await (await officer.GetAsync($"api/reports/{id}/carriers")).JsonAsync();
        Assert.Equal(2, carriers.GetArrayLength());
        Assert.All(carriers.EnumerateArray(), c => Assert.Equal("adopted", c.GetProperty("outcome").GetString()));
        Assert.Equal(
            "2026年第12期",
            carriers
                .EnumerateArray()
                .Single(c => c.GetProperty("carrierId").GetString() == "sz-rd")
                .GetProperty("issue")
                .GetString()
        );

        // History: every transition, in order, with who and from/to.
        var history = (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync())
            .EnumerateArray()
            .ToList();
        Assert.Equal(
            [
                "received", "passChecks", "startEdit", "saveEdit", "return", "resubmit", "startEdit", "submitForReview",
                "approve", "signOff", "forward", "adopt", "adopt", "correctAdoption",
            ],
            history.Select(e => e.GetProperty("what").GetString())
        );
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e.GetProperty("sequence").GetInt32()));
        var ret = history.Single(e => e.GetProperty("what").GetString() == "return");
        Assert.Equal(editorId, ret.GetProperty("who").GetString());
        Assert.Equal("editing", ret.GetProperty("from").GetString());
        Assert.Equal("returned", ret.GetProperty("to").GetString());
        Assert.Equal("请补充会议时间和参会代表人数。", ret.GetProperty("why").GetString());
        Assert.Equal(
            GaoJianguo,
            history.Single(e => e.GetProperty("what").GetString() == "signOff").GetProperty("who").GetString()
        );

        // Versions: original, the edit, the author's revision.
        var versions = (await (await officer.GetAsync($"api/reports/{id}/versions")).JsonAsync())
            .EnumerateArray()
            .ToList();
        Assert.Equal(["original", "edit", "revision"], versions.Select(v => v.GetProperty("kind").GetString()));

        // Ledger: two adoptions, one endorsement (领导批示), one correction naming what it replaces.
        var ledger = await LedgerMessagesAsync(id, expected: 4);
        var adoptions = ledger.Where(m => m.Kind == LedgerEventKind.Adoption).ToList();
        Assert.Equal(["ah-web", "sz-rd"], adoptions.Select(m => m.CarrierId).Order());
        var correction = Assert.Single(ledger, m => m.Kind == LedgerEventKind.AdoptionCorrection);
        Assert.Equal(adoptions.Single(m => m.CarrierId == "sz-rd").EventId, correction.ReplacesEventId);
        // The endorsement is recorded once: the correction kept its level.
        var endorsement = Assert.Single(ledger, m => m.Kind == LedgerEventKind.Endorsement);
        Assert.Equal("市级", endorsement.EndorsementLevel);
        Assert.All(ledger, m => Assert.Equal(tracking, m.TrackingNumber));
        Assert.Equal(ledger.Count, ledger.Select(m => m.EventId).Distinct().Count());

        // The author was told: returned, forwarded after sign-off, adopted twice (idempotency key = event id).
        var noticeKeys = history
            .Where(e => e.GetProperty("what").GetString() is "return" or "forward" or "adopt")
            .Select(e => $"{id}~e{e.GetProperty("sequence").GetInt32():D4}")
            .ToList();
        Assert.Equal(4, noticeKeys.Count);
        using var admin = fx.CreateAdminClient();
        List<string> subjects = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                var outbox = await (await admin.GetAsync("api/notifications/outbox")).JsonAsync();
                subjects = outbox
                    .EnumerateArray()
                    .Where(x => noticeKeys.Contains(x.GetProperty("idempotencyKey").GetString()!))
                    .Select(x => x.GetProperty("subject").GetString()!)
                    .ToList();
                return subjects.Count == 4;
            },
            "four notices to the author in the outbox"
        );
        Assert.Single(subjects, x => x.StartsWith("【退回修改】"));
        Assert.Single(subjects, x => x.StartsWith("【已签发报送】") && x.Contains("省人大外网、《宿州人大》"));
        Assert.Equal(2, subjects.Count(x => x.StartsWith("【采用通知】")));

        // The officer's own queue shows the current state.
        var mine = await (await officer.GetAsync("api/review/queue?as=officer")).JsonAsync();
        Assert.Equal(
            "adopted",
            mine.EnumerateArray().Single(x => x.GetProperty("id").GetString() == id).GetProperty("status").GetString()
        );
    }

    /// <summary>The facts the ledger applied for a report, once <paramref name="expected"/> have arrived.</summary>
    private async Task<List<LedgerMessage>> LedgerMessagesAsync(string reportId, int expected)
    {
        var ledger = fx.App.Services.GetRequiredService<InfoFunctions.Rewards.ReportLedgerStore>();
        var found = new List<LedgerMessage>();
        await Eventually.HoldsAsync(
            async () =>
                (found = (await ledger.ListAppliedAsync(reportId, default)).Select(a => a.Message).ToList()).Count
                >= expected,
            $"{expected} ledger facts of {reportId}"
        );
        Assert.Equal(expected, found.Count);
        return found;
    }
}
