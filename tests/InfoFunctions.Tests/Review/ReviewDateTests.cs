using System.Net;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>submitted ≤ forwarded ≤ adopted ≤ today (Beijing): a date out of order is a 400 naming the field.</summary>
[Collection("app")]
public sealed class ReviewDateTests(AppFixture fx)
{
    private static readonly DateOnly Day = new(2026, 5, 20);

    [Theory]
    [InlineData("2026-05-19", "2026-05-20", "不能早于稿件收稿日期（2026-05-20）")]
    [InlineData("2025-12-30", "2026-05-18", "不能早于稿件收稿日期（2026-05-18）")]
    [InlineData("2026-05-21", "2026-05-18", "不能晚于今天（北京时间 2026-05-20）")]
    public void A_day_before_its_earliest_or_after_today_is_named_with_both(string day, string earliest, string message)
    {
        var p = ReviewDates.Check("carriers[0].date", "报送省人大外网的日期", DateOnly.Parse(day), "稿件收稿日期",
            DateOnly.Parse(earliest), Day);
        Assert.NotNull(p);
        Assert.Equal(ReviewDates.Code, p.Code);
        var error = Assert.Single(p.Errors!);
        Assert.Equal("carriers[0].date", error.Field);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"报送省人大外网的日期（{day}）", p.Detail);
    }

    [Fact]
    public void The_earliest_day_and_today_are_allowed() =>
        Assert.True(ReviewDates.Check("f", "日期", Day, "x", Day, Day) is null
            && ReviewDates.Check("f", "日期", Day, "x", Day.AddDays(-30), Day) is null);

    [Fact]
    public async Task Forwarding_and_adoption_dates_out_of_order_are_refused_and_change_nothing()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await ClientAsync(fx, GaoJianguo);
        var id = await SubmitAsync(officer, "埇桥区人大常委会视察农村公路建设（日期测试）" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("23"));
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        using var editor = await ClientAsync(fx, (await GetAsync(officer,
            id)).Report.GetProperty("editorId").GetString()!);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(leaderSigner, id, etag, "signOff", "signedOff");

        var today = BusinessTime.DayOf(DateTimeOffset.UtcNow);
        async Task RefusedAsync(string action, object body, string field)
        {
            var response = await ActAsync(editor, id, etag, action, body);
            var problem = await response.JsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
            Assert.Equal("invalid-date", problem.GetProperty("code").GetString());
            Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
            Assert.Equal(etag, (await GetAsync(officer, id)).ETag);
        }
        // A 2026 report forwarded with a 2025 date; a forward dated tomorrow.
        await RefusedAsync("forward", new
        {
            carriers = new object[] { new { carrierId = "sz-rd" },
            new { carrierId = "ah-web", date = $"{today.Year - 1}-12-30" } }
        }, "carriers[1].date");
        await RefusedAsync("forward", new
        {
            carriers = new[] { new { carrierId = "ah-web",
            date = BusinessTime.Format(today.AddDays(1)) } }
        }, "carriers[0].date");
        etag = await OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new[] { new { carrierId = "ah-web" } } });

        // Adopted before it was forwarded, or tomorrow.
        await RefusedAsync("adopt", new
        {
            adoption = new
            {
                carrierId = "ah-web",
                adoptedOn = BusinessTime.Format(today.AddDays(-1))
            }
        }, "adoption.adoptedOn");
        await RefusedAsync("adopt", new
        {
            adoption = new
            {
                carrierId = "ah-web",
                adoptedOn = BusinessTime.Format(today.AddDays(1))
            }
        }, "adoption.adoptedOn");
        etag = await OkAsync(editor, id, etag, "adopt", "adopted", new
        {
            adoption = new
            {
                carrierId = "ah-web",
                adoptedOn = Today
            }
        });
        await RefusedAsync("correctAdoption", new
        {
            comment = "日期有误",
            adoption = new
            {
                carrierId = "ah-web",
                adoptedOn = BusinessTime.Format(today.AddDays(3))
            }
        }, "adoption.adoptedOn");
    }
}
