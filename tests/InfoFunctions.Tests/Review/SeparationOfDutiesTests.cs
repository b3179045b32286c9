using System.Net;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Review;

/// <summary>
/// 签发 is a second person's act: whoever edited or approved a report may not sign it off, unless
/// <c>Review__AllowSelfSignOff</c> is set.
/// </summary>
[Collection("app")]
public sealed class SeparationOfDutiesTests(AppFixture fx)
{
    /// <summary>A report walked to awaitingSignOff, approved by 周明远 (an editor-signer); its ETag.</summary>
    private async Task<(string Id, string ETag)> ApprovedByZhouAsync(HttpClient officer, HttpClient zhou)
    {
        var id = await SubmitAsync(officer, "埇桥区人大常委会开展代表履职培训" + Guid.NewGuid().ToString("N")[..4],
            WalkBody("09"));
        var etag = await WaitForStatusAsync(officer, id, "awaitingEdit");
        using var editor = await ClientAsync(fx, (await GetAsync(officer, id)).Report.GetProperty("editorId")
            .GetString()!);
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        etag = await OkAsync(editor, id, etag, "submitForReview", "awaitingReview");
        return (id, await OkAsync(zhou, id, etag, "approve", "awaitingSignOff"));
    }

    [Fact]
    public async Task Whoever_approved_may_not_sign_off_and_another_signer_may()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var zhou = await ClientAsync(fx, ZhouMingyuan);
        using var gao = await ClientAsync(fx, GaoJianguo);
        var (id, etag) = await ApprovedByZhouAsync(officer, zhou);

        var refused = await ActAsync(zhou, id, etag, "signOff");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.JsonAsync();
        Assert.Equal("self-sign-off", problem.GetProperty("code").GetString());
        Assert.Contains("不能自行签发", problem.GetProperty("detail").GetString());
        Assert.Equal("awaitingSignOff", problem.GetProperty("current").GetProperty("report").GetProperty("status")
            .GetString());
        Assert.Equal(etag, (await GetAsync(officer, id)).ETag); // nothing written

        await OkAsync(gao, id, etag, "signOff", "signedOff");
        var history = (await (await officer.GetAsync($"api/reports/{id}/history")).JsonAsync()).EnumerateArray();
        Assert.Equal(GaoJianguo, history.Single(e => e.GetProperty("what").GetString() == "signOff")
            .GetProperty("who").GetString());
    }

    [Fact]
    public async Task With_AllowSelfSignOff_the_approver_signs_off()
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var zhou = await ClientAsync(fx, ZhouMingyuan);
        var (id, etag) = await ApprovedByZhouAsync(officer, zhou);

        await using var lenient = await fx.StartAppAsync(
            new Dictionary<string, string?> { ["Review__AllowSelfSignOff"] = "true" });
        using var sameZhou = lenient.CreateClient(zhou.DefaultRequestHeaders.Authorization!.Parameter);
        await OkAsync(sameZhou, id, etag, "signOff", "signedOff");
    }
}
