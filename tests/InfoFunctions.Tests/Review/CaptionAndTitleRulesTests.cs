using System.Net;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// Captions are checked against the carriers that print photos (<c>requiresCaptions</c>), and the title limit is the
/// <c>Review__TitleMaxLength</c> setting, the same for intake, the draft check and the console.
/// </summary>
[Collection("app")]
public sealed class CaptionAndTitleRulesTests(AppFixture fx)
{
    [Fact]
    public async Task Carriers_say_whether_they_print_photos_and_a_forward_to_one_needs_every_caption()
    {
        using var officer = await ClientAsync(fx, YangFan); // loads the demo directory once per app
        using var admin = fx.CreateAdminClient();
        var carriers = (await (await admin.GetAsync("api/carriers")).JsonAsync()).EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("requiresCaptions").GetBoolean());
        Assert.True(carriers["sz-rd"]);
        Assert.False(carriers["ah-web"]);

        using var editor = await ClientAsync(fx, LinXiaowen);
        using var signer = await ClientAsync(fx, ZhouMingyuan);
        // 签发 by someone who neither edited nor approved (周明远 may be the report's editor).
        using var leaderSigner = await ClientAsync(fx, GaoJianguo);
        var body = WalkBody("23");
        var form = new MultipartFormDataContent
        {
            { new StringContent("萧县人大常委会召开义务教育座谈会"), "title" },
            { new StringContent(body + "\n图为座谈会现场。"), "body" },
            { new StringContent("日常动态"), "category" },
            { new ByteArrayContent(Submissions.IntakeTestSupport.Jpeg), "files", "座谈会.jpg" },
        };
        var created = await officer.PostAsync("api/reports", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetString()!;
        var etag = await WaitForStatusAsync(editor, id, "awaitingEdit");
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "saveEdit", "editing", new { body, comment = "删去图片说明" });
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        etag = await OkAsync(signer, id, etag, "approve", "awaitingSignOff");
        etag = await OkAsync(leaderSigner, id, etag, "signOff", "signedOff");

        var refused = await ActAsync(editor, id, etag, "forward",
            new { carriers = new[] { new { carrierId = "sz-rd" } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("captions-required", problem.GetProperty("code").GetString());
        Assert.Contains("《宿州人大》刊登图片须逐张配说明", problem.GetProperty("detail").GetString());
        await OkAsync(editor, id, etag, "forward", "forwarded",
            new { carriers = new[] { new { carrierId = "ah-web" } } });
    }

    [Fact]
    public async Task The_title_limit_is_a_setting_the_draft_check_reports()
    {
        await using var app = await fx.StartAppAsync(
            new Dictionary<string, string?> { ["Review__TitleMaxLength"] = "45" });
        using var client = app.CreateAdminClient();
        var title = new string('题', 50);
        var checks = await (await client.PostJsonAsync("api/review/checks", new { title, body = WalkBody("24") }))
            .JsonAsync();
        Assert.Equal((6, 45), (checks.GetProperty("titleMin").GetInt32(), checks.GetProperty("titleMax").GetInt32()));
        Assert.Contains(checks.GetProperty("fixes").EnumerateArray(), f =>
            f.GetProperty("message").GetString() == "标题过长（50 字），请压缩到 45 字以内。");

        var standard = await (await fx.CreateAdminClient().PostJsonAsync("api/review/checks",
            new { title, body = WalkBody("24") })).JsonAsync();
        Assert.Equal(60, standard.GetProperty("titleMax").GetInt32());
        Assert.DoesNotContain(standard.GetProperty("fixes").EnumerateArray(),
            f => f.GetProperty("field").GetString() == "title");
    }
}
