using System.Net;
using System.Text.Json;
using InfoFunctions.Dispatch;
using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// Credit goes to who wrote: a co-author given by personId is named by the directory (a name sent along is
/// ignored); one of another unit earns only once an editor confirms them; shares are checked.
/// </summary>
[Collection("app")]
public sealed class CrossUnitCreditTests(AppFixture fx)
{
    private static readonly object[] Authors =
    [
        new { personId = YangFan, share = 0.5m },
        new { personId = QinHaoyu, name = "王冒名", share = 0.5m }, // 砀山县: another unit than 杨帆's 埇桥区
    ];

    private static string Half
    {
        get
        {
            var today = BusinessTime.DayOf(DateTimeOffset.UtcNow);
            return $"{today.Year}H{(today.Month <= 6 ? 1 : 2)}";
        }
    }

    private async Task<string> FieldRefusedAsync(HttpClient officer, object[] authors)
    {
        var response = await officer.PostJsonAsync("api/reports",
            new { title = "埇桥区砀山县联合开展代表视察", body = WalkBody("15"), authors });
        var problem = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
        return problem.GetProperty("errors")[0].GetProperty("field").GetString()!;
    }

    /// <summary>Walks a report to adopted; <paramref name="confirm"/> goes with the editor's submitForReview.</summary>
    private async Task<string> AdoptedAsync(HttpClient officer, string[]? confirm)
    {
        var created = await officer.PostJsonAsync("api/reports", new
        {
            title = "埇桥区砀山县联合开展代表视察" + Guid.NewGuid().ToString("N")[..4],
            body = WalkBody("15"),
            category = "dailyNews",
            authors = Authors,
        });
        var report = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, report.ToString());
        var authors = report.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(["杨帆", "秦浩宇"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal([false, true], authors.Select(a => a.GetProperty("unconfirmed").GetBoolean()));

        var id = report.GetProperty("id").GetString()!;
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        using var editor = await ClientAsync(fx, (await GetAsync(officer, id)).Report.GetProperty("editorId")
            .GetString()!);
        using var zhou = await ClientAsync(fx, ZhouMingyuan);
        using var gao = await ClientAsync(fx, GaoJianguo);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        var notTheirs = await ActAsync(editor, id, etag, "submitForReview", new { confirmAuthors = new[] { YangFan } });
        Assert.Equal(HttpStatusCode.BadRequest, notTheirs.StatusCode);
        Assert.Equal("confirmAuthors[0]", (await notTheirs.JsonAsync()).GetProperty("errors")[0].GetProperty("field")
            .GetString());
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview",
            confirm is null ? null : new { confirmAuthors = confirm });
        etag = await OkAsync(zhou, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(gao, id, etag, "signOff", "signedOff");
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
        return id;
    }

    private async Task<List<JsonElement>> LedgerLinesAsync(string id, int count)
    {
        using var admin = fx.CreateAdminClient();
        List<JsonElement> lines = [];
        await Eventually.HoldsAsync(async () =>
        {
            var response = await admin.GetAsync(
                $"api/rewards/ledger?period={Half}&reportId={Uri.EscapeDataString(id)}");
            lines = (await response.JsonAsync()).GetProperty("lines").EnumerateArray().ToList();
            return lines.Count >= count;
        }, $"{count} ledger lines of {id}");
        return lines;
    }

    [Fact]
    public async Task Another_units_co_author_is_named_by_the_directory_and_paid_only_once_confirmed()
    {
        using (var setup = fx.CreateAdminClient())
            Assert.True((await setup.PostAsync("api/rewards/standards/demo", null)).IsSuccessStatusCode);
        using var officer = await ClientAsync(fx, YangFan);

        Assert.Equal("authors[1].personId", await FieldRefusedAsync(officer,
            [new { personId = YangFan }, new { personId = "demo-nobody", name = "查无此人" }]));
        Assert.Equal("authors", await FieldRefusedAsync(officer,
            [new { personId = YangFan, share = 0.7m }, new { personId = QinHaoyu, share = 0.5m }]));
        Assert.Equal("authors[0].share", await FieldRefusedAsync(officer,
            [new { personId = YangFan, share = 0.33335m }, new { personId = QinHaoyu, share = 0.66665m }]));

        var unconfirmed = await AdoptedAsync(officer, confirm: null);
        var confirmed = await AdoptedAsync(officer, confirm: [QinHaoyu]);

        // Confirmed: both authors share the adoption, each under the directory's name.
        var paid = await LedgerLinesAsync(confirmed, 3);
        var people = paid.Where(l => l.GetProperty("partyKind").GetString() == "person").ToList();
        Assert.Equal([(QinHaoyu, "秦浩宇"), (YangFan, "杨帆")], people
            .Select(l => (l.GetProperty("partyId").GetString(), l.GetProperty("partyName").GetString()))
            .OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.Equal(people[0].GetProperty("yuan").GetDecimal(), people[1].GetProperty("yuan").GetDecimal());
        var history = await (await officer.GetAsync($"api/reports/{confirmed}/history")).JsonAsync();
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("what").GetString() == "submitForReview"
            && e.TryGetProperty("why", out var why) && why.GetString() == "确认外单位作者：秦浩宇");

        // Not confirmed: the adoption fact reaches the ledger without 秦浩宇, so only 杨帆 and the unit earn.
        var applied = fx.App.Services.GetRequiredService<ReportLedgerStore>();
        IReadOnlyList<ReportLedgerStore.Applied> facts = [];
        await Eventually.HoldsAsync(
            async () => (facts = await applied.ListAppliedAsync(unconfirmed, default)).Count > 0,
            "the adoption fact applied");
        Assert.Equal([YangFan], Assert.Single(facts).Message.Authors.Select(a => a.PersonId));
        var withheld = await LedgerLinesAsync(unconfirmed, 2);
        Assert.Equal(["unit", "person"],
            withheld.Select(l => l.GetProperty("partyKind").GetString()).OrderDescending());
        Assert.DoesNotContain(withheld, l => l.GetProperty("partyId").GetString() == QinHaoyu);
        Assert.DoesNotContain(paid.Concat(withheld), l => l.GetProperty("partyName").GetString() == "王冒名");

        // Forward and adoption notices reach a co-author of another unit only once confirmed. The confirmed
        // report's notices are waited for too: they were made after the other's.
        var sent = await NoticesAsync(officer, [unconfirmed, confirmed], expected: 2 + 4);
        Assert.All(sent.Where(s => s.ReportId == unconfirmed), s => Assert.Equal("yang.fan@example.org", s.To));
        Assert.Equal(2, sent.Count(s => s.ReportId == confirmed && s.To == "qin.haoyu@example.org"));

        // The 通报 counts whom a report credits, as the ledger does.
        var qin = new ReportAuthor(QinHaoyu, "秦浩宇", 0.5m, false, Unconfirmed: true);
        var yang = new ReportAuthor(YangFan, "杨帆", 0.5m, false);
        Assert.Equal(["杨帆"], BulletinAuthor.Credited([yang, qin]).Select(a => a.Name));
        Assert.Equal(["杨帆", "秦浩宇"], BulletinAuthor.Credited([yang, qin with { Unconfirmed = false }])
            .Select(a => a.Name));
    }

    /// <summary>The forward and adoption notices of these reports in the outbox, once there are as many.</summary>
    private async Task<List<(string ReportId, string To)>> NoticesAsync(HttpClient officer, string[] ids,
        int expected)
    {
        var keys = new Dictionary<string, string>();
        foreach (var id in ids)
            foreach (var e in (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync())
                .EnumerateArray().Where(e => e.GetProperty("what").GetString() is "forward" or "adopt"))
                keys[$"{id}~e{e.GetProperty("sequence").GetInt32():D4}"] = id;
        using var admin = fx.CreateAdminClient();
        List<(string ReportId, string To)> sent = [];
        await Eventually.HoldsAsync(async () =>
        {
            var outbox = await (await admin.GetAsync("api/notifications/outbox")).JsonAsync();
            sent = outbox.EnumerateArray()
                .Where(x => keys.ContainsKey(x.GetProperty("idempotencyKey").GetString()!))
                .Select(x => (keys[x.GetProperty("idempotencyKey").GetString()!], x.GetProperty("to").GetString()!))
                .ToList();
            return sent.Count >= expected;
        }, $"{expected} forward and adoption notices");
        return sent;
    }
}
