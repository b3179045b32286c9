using System.Net;
using InfoFunctions.Dispatch;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace InfoFunctions.Tests.Dispatch;

[Collection("dispatch-clock")]
public sealed class RotationTests(DispatchClockFixture fx)
{
    private const string YangFan = "demo-yang-fan"; // officer of 埇桥区, rotating into the information section

    private static DateTimeOffset Utc(string s) =>
        DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpStatusCode EditorEndpoint, bool EditorRole, bool InEditorPool)> AtAsync(
        DateTimeOffset instant
    )
    {
        fx.Clock.Now = instant;
        using var client = await fx.ClientForAsync(YangFan);
        var rotations = await client.GetAsync("api/dispatch/rotations"); // office roles only
        var me = await (await client.GetAsync("api/me")).Content.ReadAsStringAsync();
        var pool = await fx.App.Services.GetRequiredService<IRecipientDirectory>().FindByRoleAsync("editor", null);
        return (rotations.StatusCode, me.Contains("\"editor\""), pool.Any(r => r.PersonId == YangFan));
    }

    [Fact]
    public async Task Editor_role_holds_exactly_for_the_CST_days_of_the_window()
    {
        fx.Clock.Now = Utc("2026-05-10T02:00:00Z");
        using var admin = fx.App.CreateAdminClient();
        var created = await admin.PostJsonAsync(
            "api/dispatch/rotations",
            new
            {
                personId = YangFan,
                from = "2026-06-01",
                to = "2026-07-15",
                note = "2026 年轮岗",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var yang = await fx.ClientForAsync(YangFan);
        fx.Clock.Now = Utc("2026-05-31T15:00:00Z");
        Assert.Equal(
            HttpStatusCode.Created,
            (await yang.PostJsonAsync("api/reports", new { title = "轮岗前的稿件", body = "正文。" })).StatusCode
        );

        // 2026-06-01 00:00 CST is 2026-05-31 16:00 UTC; 2026-07-15 ends at 2026-07-15 16:00 UTC. The clock only moves
        // forward.
        Assert.Equal((HttpStatusCode.Forbidden, false, false), await AtAsync(Utc("2026-05-31T15:59:59Z")));
        Assert.Equal((HttpStatusCode.OK, true, true), await AtAsync(Utc("2026-05-31T16:00:00Z")));
        fx.Clock.Now = Utc("2026-06-10T02:00:00Z");
        // As an editor, 杨帆 may write for the research office (sz-yjs).
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await yang.PostJsonAsync(
                    "api/reports",
                    new
                    {
                        title = "轮岗期间编写的综合信息",
                        body = "正文。",
                        unitId = "sz-yjs",
                    }
                )
            ).StatusCode
        );
        Assert.Equal((HttpStatusCode.OK, true, true), await AtAsync(Utc("2026-06-20T09:00:00Z")));
        Assert.Equal((HttpStatusCode.OK, true, true), await AtAsync(Utc("2026-07-15T15:59:59Z")));
        Assert.Equal((HttpStatusCode.Forbidden, false, false), await AtAsync(Utc("2026-07-15T16:00:00Z")));

        // The person's own record never changed: the role lapsed by itself.
        var person = await admin.GetAsync($"api/people/{YangFan}");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        var text = await person.Content.ReadAsStringAsync();
        Assert.Contains("\"officer\"", text);
        Assert.DoesNotContain("\"editor\"", text);

        // Output during the window is tracked for the year-end assessment; a report before it is not counted.
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        var output = await (await admin.GetAsync($"api/dispatch/rotations/{id}/output")).JsonAsync();
        Assert.Equal(1, output.GetProperty("submitted").GetInt32());
        Assert.Equal("轮岗期间编写的综合信息", output.GetProperty("reports")[0].GetProperty("title").GetString());

        var calendar = fx.App.Services.GetRequiredService<IRotationCalendar>();
        Assert.Contains(YangFan, await calendar.OnDutyAsync(new DateOnly(2026, 7, 15), default));
        Assert.DoesNotContain(YangFan, await calendar.OnDutyAsync(new DateOnly(2026, 7, 16), default));
    }

    [Fact]
    public async Task Overlapping_or_too_long_windows_are_refused()
    {
        fx.Clock.Now = Utc("2026-05-10T02:00:00Z");
        using var admin = fx.App.CreateAdminClient();
        var ok = await admin.PostJsonAsync(
            "api/dispatch/rotations",
            new
            {
                personId = "demo-qin-haoyu",
                from = "2026-03-01",
                to = "2026-03-31",
            }
        );
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var overlap = await admin.PostJsonAsync(
            "api/dispatch/rotations",
            new
            {
                personId = "demo-qin-haoyu",
                from = "2026-03-20",
                to = "2026-04-05",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        Assert.Contains("重叠", await overlap.Content.ReadAsStringAsync());
        var tooLong = await admin.PostJsonAsync(
            "api/dispatch/rotations",
            new
            {
                personId = "demo-qin-haoyu",
                from = "2026-09-01",
                to = "2026-09-30",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode); // 31 + 30 days > 46 in 2026
        Assert.Contains("46", await tooLong.Content.ReadAsStringAsync());
        using var officer = await fx.ClientForAsync("demo-qin-haoyu");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await officer.PostJsonAsync(
                    "api/dispatch/rotations",
                    new
                    {
                        personId = "demo-qin-haoyu",
                        from = "2026-10-01",
                        to = "2026-10-02",
                    }
                )
            ).StatusCode
        );
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01-31", 2026, 31)]
    [InlineData("2025-12-20", "2026-01-10", 2026, 10)]
    [InlineData("2025-12-20", "2026-01-10", 2025, 12)]
    [InlineData("2026-03-01", "2026-03-01", 2027, 0)]
    public void Days_in_a_year(string from, string to, int year, int days) =>
        Assert.Equal(days, RotationRules.DaysIn(DateOnly.Parse(from), DateOnly.Parse(to), year));
}
