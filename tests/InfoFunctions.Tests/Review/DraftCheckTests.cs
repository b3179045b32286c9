using System.Net;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

/// <summary>POST /api/review/checks: intake's format checks on a draft, field by field, storing nothing.</summary>
[Collection("app")]
public sealed class DraftCheckTests(AppFixture fx)
{
    [Fact]
    public async Task A_draft_gets_the_fixes_intake_would_ask_for_by_field()
    {
        using var officer = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.YangFan);
        var response = await officer.PostJsonAsync("api/review/checks", new
        {
            title = "  短标题  ",
            body = "正文很短。\n图为代表视察",
            authors = new[] { "杨帆" },
            images = 2,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = await response.JsonAsync();
        Assert.Equal(3, checks.GetProperty("titleLength").GetInt32());
        Assert.Equal(11, checks.GetProperty("charCount").GetInt32());
        var fixes = checks.GetProperty("fixes").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("message").GetString()!);
        Assert.Equal(["body", "photos", "title"], fixes.Keys.Order());
        Assert.StartsWith("标题过短（3 字）", fixes["title"]);
        Assert.StartsWith("正文过短（11 字）", fixes["body"]);
        Assert.StartsWith("稿件附有 2 张图片，正文中只有 1 条图片说明", fixes["photos"]);
    }

    [Fact]
    public async Task A_good_draft_has_no_fixes_and_a_missing_author_is_one()
    {
        using var officer = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.YangFan);
        var good = await (await officer.PostJsonAsync("api/review/checks", new
        {
            title = "萧县人大常委会召开义务教育座谈会",
            body = ReviewTestSupport.WalkBody("3") + "\n图为座谈会现场",
            authors = new[] { "杨帆" },
            images = 1,
        })).JsonAsync();
        Assert.Empty(good.GetProperty("fixes").EnumerateArray());

        var anonymous = await (await officer.PostJsonAsync("api/review/checks", new
        {
            title = "萧县人大常委会召开义务教育座谈会",
            body = ReviewTestSupport.WalkBody("3"),
            authors = Array.Empty<string>(),
        })).JsonAsync();
        var fix = Assert.Single(anonymous.GetProperty("fixes").EnumerateArray());
        Assert.Equal("authors", fix.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Checking_needs_a_signed_in_person_and_json()
    {
        using var nobody = fx.CreateClient();
        var anonymous = await nobody.PostJsonAsync("api/review/checks", new { title = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var officer = await IntakeTestSupport.ClientForAsync(fx, IntakeTestSupport.YangFan);
        var bad = await officer.PostAsync("api/review/checks",
            new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid-json", (await bad.JsonAsync()).GetProperty("code").GetString());
    }
}
