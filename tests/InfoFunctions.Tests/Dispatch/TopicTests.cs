using System.Net;
using System.Text.Json;
using InfoFunctions.Dispatch;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Dispatch;

[Collection("dispatch-clock")]
public sealed class TopicTests(DispatchClockFixture fx)
{
    private static DateTimeOffset Utc(string s) =>
        DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static string Status(JsonElement view, string key) =>
        view.GetProperty("addressees")
            .EnumerateArray()
            .Single(a => a.GetProperty("key").GetString() == key)
            .GetProperty("status")
            .GetString()!;

    [Fact]
    public async Task Reminder_and_overdue_notice_go_out_once_each_and_a_miss_costs_a_penalty()
    {
        fx.Clock.Now = Utc("2026-05-10T02:00:00Z");
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        var created = await editor.PostJsonAsync(
            "api/dispatch/topics",
            new
            {
                title = "基层人大代表联络站建设的典型经验",
                brief = "围绕联络站“建、管、用”，总结可复制的做法。",
                category = "典型经验",
                carrierId = "ah-dbzs",
                deadline = "2026-05-20",
                unitIds = new[] { "xx", "lb" },
                personIds = new[] { "demo-qin-haoyu", "demo-yang-fan" },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var topic = await created.JsonAsync();
        var id = topic.GetProperty("topic").GetProperty("id").GetString()!;
        Assert.Equal("2026-05-20T16:00:00+00:00", topic.GetProperty("deadline").GetString()); // end of the CST day

        // 杨帆 fulfils by submitting a report naming the topic; 吕国栋 declines for 灵璧 with a reason.
        fx.Clock.Now = Utc("2026-05-12T03:00:00Z");
        using var yang = await fx.ClientForAsync("demo-yang-fan");
        var report = await yang.PostJsonAsync(
            "api/reports",
            new
            {
                title = "埇桥区代表联络站“三化”建设经验",
                body = "正文。",
                category = "典型经验",
                topicId = id,
            }
        );
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        using var lv = await fx.ClientForAsync("demo-lv-guodong");
        var declined = await lv.PostJsonAsync(
            $"api/dispatch/topics/{id}/response",
            new { accept = false, reason = "本期无相关工作" }
        );
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        using var qin = await fx.ClientForAsync("demo-qin-haoyu");
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await qin.PostJsonAsync($"api/dispatch/topics/{id}/response", new { accept = false })).StatusCode
        ); // a reason is required
        Assert.Equal(
            HttpStatusCode.OK,
            (await qin.PostJsonAsync($"api/dispatch/topics/{id}/response", new { accept = true })).StatusCode
        );

        var service = fx.App.Services.GetRequiredService<TopicReminders>();
        Assert.Equal((0, 0), await service.RunAsync(default)); // too early

        // Two days before the deadline: one reminder each for 秦浩宇 (accepted, nothing yet) and 萧县 (unit).
        fx.Clock.Now = Utc("2026-05-19T00:00:00Z");
        Assert.Equal((2, 0), await service.RunAsync(default));
        Assert.Equal((0, 0), await service.RunAsync(default));
        fx.Clock.Now = Utc("2026-05-20T15:59:59Z");
        Assert.Equal((0, 0), await service.RunAsync(default));

        // At the deadline (00:00 CST on the 21st): one overdue notice each, and the penalty.
        fx.Clock.Now = Utc("2026-05-20T16:00:00Z");
        Assert.Equal((0, 2), await service.RunAsync(default));
        Assert.Equal((0, 0), await service.RunAsync(default));
        fx.Clock.Now = Utc("2026-05-23T01:00:00Z");
        Assert.Equal((0, 0), await service.RunAsync(default));

        var view = await (await editor.GetAsync($"api/dispatch/topics/{id}")).JsonAsync();
        Assert.Equal("fulfilled", Status(view, "person-demo-yang-fan"));
        Assert.Equal("declined", Status(view, "unit-lb"));
        Assert.Equal("overdue", Status(view, "person-demo-qin-haoyu"));
        Assert.Equal("overdue", Status(view, "unit-xx"));

        // Delivered through the notification pipeline (outbox locally): once per recipient and notice.
        var outbox = fx.App.Services.GetRequiredService<Outbox>();
        int Count(IReadOnlyList<OutboxSummary> all, string suffix) =>
            all.Count(e => e.IdempotencyKey == $"topic:{id}:{suffix}");
        IReadOnlyList<OutboxSummary> sent = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                sent = await outbox.ListAsync(500, default);
                return Count(sent, "unit-xx:overdue") == 2
                    && Count(sent, "person-demo-qin-haoyu:overdue") == 1
                    && Count(sent, "unit-xx:reminder") == 2
                    && Count(sent, "person-demo-qin-haoyu:reminder") == 1;
            },
            "reminder and overdue emails in the outbox"
        );
        await Eventually.HoldsAsync(
            async () =>
                (await fx.Queue(StorageNames.Queues.Notifications).GetPropertiesAsync()).Value.ApproximateMessagesCount
                == 0,
            "notification queue drained"
        );
        sent = await outbox.ListAsync(500, default);
        Assert.Equal(1, Count(sent, "person-demo-qin-haoyu:reminder"));
        Assert.Equal(1, Count(sent, "person-demo-qin-haoyu:overdue"));
        Assert.Equal(2, Count(sent, "unit-xx:reminder")); // 萧县's two officers, one each
        Assert.Equal(2, Count(sent, "unit-xx:overdue"));
        Assert.Equal(
            0,
            Count(sent, "person-demo-yang-fan:reminder")
                + Count(sent, "unit-lb:reminder")
                + Count(sent, "person-demo-yang-fan:overdue")
                + Count(sent, "unit-lb:overdue")
        );
        Assert.Contains(
            sent,
            e =>
                e.IdempotencyKey == $"topic:{id}:person-demo-yang-fan:assigned" && e.Template == Templates.TopicAssigned
        );

        // The penalty for each miss, once (nothing consumes the ledger queue on this branch yet).
        var ledger = (await fx.Queue(StorageNames.Queues.Ledger).PeekMessagesAsync(32))
            .Value.Select(m => Json.Deserialize<LedgerMessage>(m.Body.ToString())!)
            .Where(m => m.EventId.StartsWith($"topic:{id}:", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(
            [$"topic:{id}:person-demo-qin-haoyu:missed", $"topic:{id}:unit-xx:missed"],
            ledger.Select(m => m.EventId).Order(StringComparer.Ordinal)
        );
        Assert.All(
            ledger,
            m => Assert.Equal((LedgerEventKind.Penalty, TopicReminders.PenaltyKind), (m.Kind, m.PenaltyKind))
        );
        Assert.Equal("ds", ledger.Single(m => m.EventId.Contains("qin")).UnitId);
    }

    [Fact]
    public async Task Bad_topics_are_refused_and_only_editors_create_them()
    {
        fx.Clock.Now = Utc("2026-05-10T02:00:00Z");
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        var past = await editor.PostJsonAsync(
            "api/dispatch/topics",
            new
            {
                title = "题目",
                deadline = "2026-05-01",
                unitIds = new[] { "xx" },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var nobody = await editor.PostJsonAsync("api/dispatch/topics", new { title = "题目", deadline = "2026-06-01" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        var unknown = await editor.PostJsonAsync(
            "api/dispatch/topics",
            new
            {
                title = "题目",
                deadline = "2026-06-01",
                unitIds = new[] { "no-such-unit" },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var carrier = await editor.PostJsonAsync(
            "api/dispatch/topics",
            new
            {
                title = "题目",
                deadline = "2026-06-01",
                unitIds = new[] { "xx" },
                carrierId = "no-such-carrier",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, carrier.StatusCode);
        Assert.Contains("载体", await carrier.Content.ReadAsStringAsync());
        using var officer = await fx.ClientForAsync("demo-xu-zhenyu");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await officer.PostJsonAsync(
                    "api/dispatch/topics",
                    new
                    {
                        title = "题目",
                        deadline = "2026-06-01",
                        unitIds = new[] { "xx" },
                    }
                )
            ).StatusCode
        );
    }

    [Theory]
    [InlineData(TopicResponse.Pending, false, "2026-05-19T00:00:00Z", TopicStatus.Open)]
    [InlineData(TopicResponse.Accepted, false, "2026-05-19T00:00:00Z", TopicStatus.Accepted)]
    [InlineData(TopicResponse.Accepted, false, "2026-05-20T16:00:00Z", TopicStatus.Overdue)]
    [InlineData(TopicResponse.Declined, false, "2026-05-25T00:00:00Z", TopicStatus.Declined)]
    [InlineData(TopicResponse.Pending, true, "2026-05-25T00:00:00Z", TopicStatus.Fulfilled)]
    public void Status_rules(TopicResponse response, bool submittedInTime, string now, TopicStatus expected)
    {
        var t = new Topic(
            "t1",
            "题",
            "",
            null,
            null,
            new DateOnly(2026, 5, 20),
            true,
            "e",
            "编辑",
            Utc("2026-05-10T00:00:00Z")
        );
        var a = new TopicAddressee("unit-xx", "xx", null, "萧县", response, null, [], null, null);
        IEnumerable<ReportFacts> reports = submittedInTime
            ?
            [
                new ReportFacts(
                    "xx~1",
                    "xx",
                    "稿",
                    ReportCategory.DailyNews,
                    [],
                    "t1",
                    "p",
                    Utc("2026-05-20T15:00:00Z")
                ),
            ]
            :
            [
                new ReportFacts(
                    "xx~2",
                    "xx",
                    "迟到的稿",
                    ReportCategory.DailyNews,
                    [],
                    "t1",
                    "p",
                    Utc("2026-05-21T01:00:00Z")
                ),
            ];
        Assert.Equal(expected, TopicRules.Status(t, a, reports, Utc(now)));
    }
}

[Collection("dispatch-clock")]
public sealed class TopicLinkAndTimerTests(DispatchClockFixture fx)
{
    private static DateTimeOffset Utc(string s) =>
        DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_linked_report_fulfils_and_only_the_addressees_own_reports_can_be_linked()
    {
        fx.Clock.Now = Utc("2026-08-03T02:00:00Z");
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        var created = await editor.PostJsonAsync(
            "api/dispatch/topics",
            new
            {
                title = "秋粮收购情况",
                deadline = "2026-08-10",
                personIds = new[] { "demo-xu-zhenyu" },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("topic").GetProperty("id").GetString()!;

        using var xu = await fx.ClientForAsync("demo-xu-zhenyu");
        using var other = await fx.ClientForAsync("demo-he-mengjie"); // same unit, not the addressee
        var mine = await (
            await xu.PostJsonAsync("api/reports", new { title = "萧县秋粮收购进展", body = "正文。" })
        ).JsonAsync();
        var theirs = await (
            await other.PostJsonAsync("api/reports", new { title = "萧县另一篇", body = "正文。" })
        ).JsonAsync();

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await other.PostJsonAsync(
                    $"api/dispatch/topics/{id}/links",
                    new { reportId = mine.GetProperty("id").GetString() }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await xu.PostJsonAsync(
                    $"api/dispatch/topics/{id}/links",
                    new { reportId = theirs.GetProperty("id").GetString() }
                )
            ).StatusCode
        );
        var linked = await xu.PostJsonAsync(
            $"api/dispatch/topics/{id}/links",
            new { reportId = mine.GetProperty("id").GetString() }
        );
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var a = (await linked.JsonAsync()).GetProperty("addressees")[0];
        Assert.Equal("fulfilled", a.GetProperty("status").GetString());
        Assert.Equal(mine.GetProperty("id").GetString(), a.GetProperty("reports")[0].GetString());

        // Officers see the topics addressed to them; others in the unit see nothing of a personal topic.
        Assert.Contains(
            (await (await xu.GetAsync("api/dispatch/topics")).JsonAsync()).EnumerateArray(),
            t => t.GetProperty("topic").GetProperty("id").GetString() == id
        );
        Assert.DoesNotContain(
            (await (await other.GetAsync("api/dispatch/topics")).JsonAsync()).EnumerateArray(),
            t => t.GetProperty("topic").GetProperty("id").GetString() == id
        );
    }

    [Fact]
    public async Task Linking_another_units_report_answers_as_linking_one_that_does_not_exist()
    {
        fx.Clock.Now = Utc("2026-08-03T02:00:00Z");
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        var created = await editor.PostJsonAsync(
            "api/dispatch/topics",
            new
            {
                title = "夏粮收购情况",
                deadline = "2026-08-10",
                personIds = new[] { "demo-xu-zhenyu" },
            }
        );
        var id = (await created.JsonAsync()).GetProperty("topic").GetProperty("id").GetString()!;
        using var xu = await fx.ClientForAsync("demo-xu-zhenyu");
        // A report of 埇桥区, another unit (the editor submits it on its behalf: 杨帆's roles are the rotation
        // tests', and a principal cached at this later clock would outlive their windows).
        var theirs = (
            await (
                await editor.PostJsonAsync(
                    "api/reports",
                    new
                    {
                        title = "埇桥区夏粮收购",
                        body = "正文。",
                        unitId = "yq",
                    }
                )
            ).JsonAsync()
        ).GetProperty("id").GetString()!;
        var missing = theirs[..^1] + (theirs[^1] == '0' ? '1' : '0'); // same unit and shape, no such report

        async Task<string> AnswerAsync(string reportId)
        {
            var response = await xu.PostJsonAsync($"api/dispatch/topics/{id}/links", new { reportId });
            var problem = await response.JsonAsync();
            return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} "
                + $"{problem.GetProperty("code")} {problem.GetProperty("detail")} {problem.GetProperty("errors")}";
        }
        var answer = await AnswerAsync(theirs);
        Assert.StartsWith("400 application/problem+json report-not-linkable ", answer);
        Assert.Equal(answer, await AnswerAsync(missing));
        Assert.Equal(answer, await AnswerAsync("xx~no-such-report"));
        Assert.Empty(
            (await (await editor.GetAsync($"api/dispatch/topics/{id}")).JsonAsync())
                .GetProperty("addressees")[0]
                .GetProperty("reports")
                .EnumerateArray()
        );
    }

    [Fact]
    public async Task The_bulletin_timer_makes_the_just_closed_period_once()
    {
        var service = fx.App.Services.GetRequiredService<BulletinService>();
        fx.Clock.Now = Utc("2026-09-01T01:00:00Z"); // 2026-09-01 09:00 CST: P4 (Jul–Aug) has closed
        var made = await service.EnsureClosedPeriodAsync(default);
        Assert.Equal("2026-P4", made?.Period);
        Assert.Null(await service.EnsureClosedPeriodAsync(default)); // already there
        using var editor = await fx.ClientForAsync("demo-lin-xiaowen");
        Assert.Contains(
            (await (await editor.GetAsync("api/dispatch/bulletins")).JsonAsync()).EnumerateArray(),
            b => b.GetProperty("period").GetString() == "2026-P4"
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await editor.PostAsync("api/dispatch/bulletins/2026-P6/generate", null)).StatusCode
        ); // not started yet
    }
}
