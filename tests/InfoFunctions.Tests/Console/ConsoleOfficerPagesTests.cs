using System.Net;
using System.Text.RegularExpressions;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Review;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace InfoFunctions.Tests.Console;

/// <summary>The officer's other pages on a phone: 约稿 (accept, link a report), 目标与进度, 我的奖励.</summary>
[Collection("console")]
public sealed class ConsoleOfficerPagesTests(ConsoleFixture fx)
{
    private static DateOnly BeijingToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Fact]
    public async Task An_officer_answers_a_topic_links_a_report_and_sees_targets_and_rewards()
    {
        using var officerApi = fx.Client(ConsoleFixture.Officer);
        var reportId = await ReviewTestSupport.SubmitAsync(officerApi, "埇桥区人大常委会推进代表联络站规范化建设",
            "今年以来，埇桥区人大常委会把代表联络站规范化建设作为密切代表同人民群众联系的重要抓手，统一标识标牌、统一制度职责、统一活动安排，" +
            "全区建成标准化代表联络站二十六个，组织代表进站接待群众三百余人次，收集意见建议一百二十余条，推动解决了一批群众急难愁盼问题。");
        var (report, _) = await ReviewTestSupport.GetAsync(officerApi, reportId);
        var tracking = report.GetProperty("trackingNumber").GetString()!;

        using var editorApi = fx.Client(ConsoleFixture.Editor);
        var today = BeijingToday();
        const string topicTitle = "约稿：代表联络站发挥作用的典型经验";
        var topic = await editorApi.PostJsonAsync("api/dispatch/topics", new
        {
            title = topicTitle,
            brief = "请总结代表联络站接待群众、推动问题解决的做法和成效，1500 字以内。",
            category = "typicalExperience",
            deadline = today.AddDays(14).ToString("yyyy-MM-dd"),
            unitIds = new[] { "yq" },
        });
        Assert.Equal(HttpStatusCode.Created, topic.StatusCode);
        var period = $"{today.Year}-P{(today.Month + 1) / 2}";
        var targets = await editorApi.PutJsonAsync($"api/dispatch/targets/{period}", new
        {
            meeting = "第六次信息工作调度会",
            targets = new[] { new { unitId = "yq", submissions = 8, adoptions = 3 } },
        });
        Assert.Equal(HttpStatusCode.OK, targets.StatusCode);

        await using var officer = await ConsoleSession.SignInAsync(fx, ConsoleFixture.Officer, phone: true);
        var page = officer.Page;

        await officer.NavAsync("约稿");
        var card = page.Locator("li.card", new() { HasText = topicTitle });
        await Expect(card).ToContainTextAsync("待答复");
        await card.GetByRole(AriaRole.Button, new() { Name = "接受约稿" }).ClickAsync();
        await Expect(card).ToContainTextAsync("已接受");
        await card.GetByLabel("关联本单位已报稿件").SelectOptionAsync(new SelectOptionValue { Value = reportId });
        await card.GetByRole(AriaRole.Button, new() { Name = "关联", Exact = true }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = tracking, Exact = false })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "为此约稿报送" }))
            .ToHaveAttributeAsync("href", new Regex("^#/submit\\?topic="));
        await officer.CheckPageAsync("12-officer-topics-phone");

        await officer.NavAsync("目标进度");
        var unit = page.Locator("section.card", new() { HasText = "埇桥区人大常委会" });
        await Expect(unit).ToContainTextAsync("第六次信息工作调度会");
        await Expect(unit).ToContainTextAsync(new Regex(@"报送：\d+ / 8 篇"));
        await Expect(unit).ToContainTextAsync(new Regex(@"采用：\d+ / 3 篇"));
        await officer.CheckPageAsync("13-officer-targets-phone");

        await officer.NavAsync("我的奖励");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "积分（未结算）", Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("尚未结算");
        await officer.CheckPageAsync("14-officer-rewards-phone");
    }
}
