using System.Net;
using System.Text.Json;
using InfoFunctions.Platform;
using InfoFunctions.Rewards;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Rewards;

public sealed class AssessmentRulesTests
{
    [Fact]
    public void Completed_means_eligible_and_the_rotation_quota_adds_to_the_task()
    {
        var done = AssessmentRules.Assess(2025, "p", "甲", "yq", null, 12, 0, 12, 3);
        Assert.True(done.Completed);
        Assert.True(done.EligibleForHonours);
        var rotating = AssessmentRules.Assess(2025, "p", "甲", "yq", null, 12, 4, 14, 3);
        Assert.Equal(16, rotating.Quota);
        Assert.False(rotating.Completed);
        Assert.False(rotating.EligibleForHonours);
        Assert.Contains("差 2 篇", rotating.Result);
    }
}

[Collection("rewards")]
public sealed class ContestAndAssessmentTests(RewardsFixture f)
{
    private const string Yang = "demo-yang-fan",
        Zhu = "demo-zhu-lingling",
        Xu = "demo-xu-zhenyu";

    [Fact]
    public async Task Contest_grades_nominees_and_the_grades_become_ledger_lines()
    {
        LedgerMessage Adopt(string id, string report, string unit, string person, string name, int month) =>
            new(
                id,
                LedgerEventKind.Adoption,
                report,
                "TN-" + report,
                unit,
                [new(person, name, null)],
                new DateTimeOffset(2020, month, 1, 2, 0, 0, TimeSpan.Zero),
                "editor",
                CarrierId: "ah-web",
                Title: "评选稿件" + report
            );
        await f.SendAndWaitAsync(
            Adopt("ct-a1", "yq~ct-r1", "yq", Yang, "杨帆", 5),
            Adopt("ct-a2", "yq~ct-r2", "yq", Zhu, "朱玲玲", 6)
        );

        Assert.Equal(
            HttpStatusCode.Created,
            (
                await f.Admin.PostJsonAsync("api/rewards/contests/2020/nominations", new { reportId = "yq~ct-r1" })
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await f.Admin.PostJsonAsync("api/rewards/contests/2020/nominations", new { reportId = "yq~ct-r2" })
            ).StatusCode
        );
        var notAdopted = await f.Admin.PostJsonAsync(
            "api/rewards/contests/2020/nominations",
            new { reportId = "yq~ct-never" }
        );
        Assert.Equal("not-adopted", (await notAdopted.JsonAsync()).GetProperty("code").GetString());
        var wrongYear = await f.Admin.PostJsonAsync(
            "api/rewards/contests/2021/nominations",
            new { reportId = "yq~ct-r1" }
        );
        Assert.Equal(HttpStatusCode.Conflict, wrongYear.StatusCode);

        var early = await f.Admin.PostAsync("api/rewards/contests/2020/finalize", null);
        Assert.Equal("unscored", (await early.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await f.Admin.PostJsonAsync(
                    "api/rewards/contests/2020/nominations/yq~ct-r1/scores",
                    new { score = 101, comment = "好" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.Admin.PostJsonAsync(
                    "api/rewards/contests/2020/nominations/yq~ct-r1/scores",
                    new { score = 95, comment = "典型经验，材料扎实" }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.Admin.PostJsonAsync(
                    "api/rewards/contests/2020/nominations/yq~ct-r2/scores",
                    new { score = 60, comment = "动态类信息，深度不足" }
                )
            ).StatusCode
        );
        // The same judge scoring again replaces the earlier score: 75 is 较好.
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.Admin.PostJsonAsync(
                    "api/rewards/contests/2020/nominations/yq~ct-r2/scores",
                    new { score = 75, comment = "反映问题及时" }
                )
            ).StatusCode
        );

        var final = await f.Admin.PostAsync("api/rewards/contests/2020/finalize", null);
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        var items = (await final.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            "优质",
            items.Single(i => i.GetProperty("reportId").GetString() == "yq~ct-r1").GetProperty("grade").GetString()
        );
        Assert.Equal(
            "较好",
            items.Single(i => i.GetProperty("reportId").GetString() == "yq~ct-r2").GetProperty("grade").GetString()
        );
        Assert.Contains(
            "反映问题及时",
            items
                .Single(i => i.GetProperty("reportId").GetString() == "yq~ct-r2")
                .GetProperty("comments")[0]
                .GetString()
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await f.Admin.PostAsync("api/rewards/contests/2020/finalize", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await f.Admin.PostJsonAsync(
                    "api/rewards/contests/2020/nominations/yq~ct-r1/scores",
                    new { score = 10, comment = "晚了" }
                )
            ).StatusCode
        );

        // The awards are ledger facts in the period they were decided in: 优质 300 元 to 杨帆 (standard v2).
        var award = new LedgerMessage(
            ContestService.AwardEventId(2020, "yq~ct-r1"),
            LedgerEventKind.ContestAward,
            "yq~ct-r1",
            "TN-yq~ct-r1",
            "yq",
            [],
            DateTimeOffset.UtcNow,
            "x"
        );
        await f.WaitAppliedAsync(award);
        var period = HalfYear.Of(DateTimeOffset.UtcNow).Key;
        var ledger = await (await f.Admin.GetAsync($"api/rewards/ledger?period={period}&personId={Yang}")).JsonAsync();
        var line = ledger
            .GetProperty("lines")
            .EnumerateArray()
            .Single(l => l.GetProperty("eventId").GetString() == award.EventId);
        Assert.Equal(300m, line.GetProperty("yuan").GetDecimal());
        Assert.Equal("contestAward", line.GetProperty("eventKind").GetString());

        var published = await (await f.Admin.GetAsync("api/rewards/contests/2020")).JsonAsync();
        Assert.True(published.GetProperty("finalized").GetBoolean());
    }

    [Fact]
    public async Task Year_end_assessment_counts_submissions_in_the_Beijing_year_and_tells_each_person()
    {
        var store = f.App.Services.GetRequiredService<ReportStore>();
        async Task Submit(string person, string name, string unit, DateTimeOffset at, ReportStatus status)
        {
            var id = ReportIds.New(unit, at);
            var report = new Report(
                id,
                $"2018-{Guid.NewGuid():N}"[..12],
                unit,
                "考核稿件",
                "正文",
                ReportCategory.DailyNews,
                [new ReportAuthor(person, name, null, false)],
                null,
                Channel.Web,
                [],
                status,
                2,
                person,
                at
            );
            Assert.True(await store.CreateAsync(report, default));
        }
        var day = new DateTimeOffset(2018, 3, 1, 2, 0, 0, TimeSpan.Zero);
        // 杨帆: quota 20, submits 20, two adopted → completed.
        for (var i = 0; i < 20; i++)
            await Submit(Yang, "杨帆", "yq", day.AddDays(i), i < 2 ? ReportStatus.Adopted : ReportStatus.Forwarded);
        // 朱玲玲: quota 6 plus a rotation quota of 2 → 8; submits 7 in 2018, and one at 00:30 on 1 Jan 2019 Beijing
        // time (still 31 Dec 2018 in UTC) that counts for 2019 → not completed. A withdrawn report does not count.
        for (var i = 0; i < 7; i++)
            await Submit(Zhu, "朱玲玲", "yq", day.AddDays(i), ReportStatus.Received);
        await Submit(
            Zhu,
            "朱玲玲",
            "yq",
            new DateTimeOffset(2018, 12, 31, 16, 30, 0, TimeSpan.Zero),
            ReportStatus.Received
        );
        await Submit(Zhu, "朱玲玲", "yq", day, ReportStatus.Withdrawn);
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.Admin.PostJsonAsync("api/rewards/assessments/2018/rotations", new { personId = Zhu, quota = 2 })
            ).StatusCode
        );

        var thisYear = BusinessTime.DayOf(DateTimeOffset.UtcNow).Year;
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await f.Admin.PostAsync($"api/rewards/assessments/{thisYear}/run", null)).StatusCode
        );
        var run = await f.Admin.PostAsync("api/rewards/assessments/2018/run", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var rows = (await run.JsonAsync())
            .GetProperty("rows")
            .EnumerateArray()
            .ToDictionary(r => r.GetProperty("personId").GetString()!);

        Assert.True(rows[Yang].GetProperty("completed").GetBoolean());
        Assert.Equal(20, rows[Yang].GetProperty("submitted").GetInt32());
        Assert.Equal(2, rows[Yang].GetProperty("adopted").GetInt32());
        Assert.True(rows[Yang].GetProperty("eligibleForHonours").GetBoolean());
        Assert.Equal(8, rows[Zhu].GetProperty("quota").GetInt32());
        Assert.Equal(7, rows[Zhu].GetProperty("submitted").GetInt32());
        Assert.False(rows[Zhu].GetProperty("completed").GetBoolean());
        Assert.False(rows[Xu].GetProperty("eligibleForHonours").GetBoolean());
        Assert.False(rows.ContainsKey("demo-song-yiran")); // the admin has no quota

        // Leaders read the sheet; a person reads their own result only.
        Assert.Equal(HttpStatusCode.OK, (await f.Admin.GetAsync("api/rewards/assessments/2018")).StatusCode);
        var t = await f.Admin.PostJsonAsync(
            "api/tokens",
            new
            {
                personId = Zhu,
                label = "assessment-test",
                expiresInDays = 1,
            }
        );
        using var zhu = f.App.CreateClient((await t.JsonAsync()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await zhu.GetAsync("api/rewards/assessments/2018")).StatusCode);
        var own = await (await zhu.GetAsync("api/rewards/assessments/2018/me")).JsonAsync();
        Assert.Equal(Zhu, own.GetProperty("personId").GetString());

        // Each person is told.
        var outbox = f.App.Blobs.GetBlobContainerClient(StorageNames.Containers.Outbox);
        async Task<JsonElement?> Mail(string person)
        {
            await foreach (var b in outbox.GetBlobsAsync())
                if (b.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    var e = JsonDocument
                        .Parse((await outbox.GetBlobClient(b.Name).DownloadContentAsync()).Value.Content.ToString())
                        .RootElement.Clone();
                    if (
                        e.GetProperty("idempotencyKey")
                            .GetString()!
                            .StartsWith($"year-end-assessment:2018:{person}:", StringComparison.Ordinal)
                    )
                        return e;
                }
            return null;
        }
        await Eventually.HoldsAsync(
            async () => await Mail(Yang) is not null && await Mail(Zhu) is not null,
            "assessment emails written"
        );
        Assert.Contains("具备评先评优资格", (await Mail(Yang))!.Value.GetProperty("text").GetString());
        Assert.Contains("不具备评先评优资格", (await Mail(Zhu))!.Value.GetProperty("text").GetString());
    }
}
