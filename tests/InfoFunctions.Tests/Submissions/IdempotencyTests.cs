using System.Net;
using System.Security.Cryptography;
using System.Text;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using InfoFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Submissions;

/// <summary>
/// Idempotency-Key edge cases: a first attempt that died after claiming, multipart repeats, a failed attempt giving its
/// key back.
/// </summary>
[Collection("app")]
public sealed class IdempotencyTests(AppFixture fx)
{
    private static HttpRequestMessage Post(HttpContent content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/reports") { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static MultipartFormDataContent Form(string title, byte[] photo)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent("埇桥区人大常委会组织代表视察城市道路建设，提出建议八条。"), "body" },
            { new StringContent("日常动态"), "category" },
        };
        form.Add(new ByteArrayContent(photo), "files", "视察现场.jpg");
        return form;
    }

    [Fact]
    public async Task A_retry_finishes_the_report_of_a_first_attempt_that_died_after_claiming_its_key()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var key = Guid.NewGuid().ToString();
        var json = Json.Serialize(
            new { title = "断点续报稿件" + key[..8], body = "区人大常委会召开主任会议，研究代表建议办理工作。" }
        );
        // The first attempt claimed the key for its id, then the instance died before storing the report.
        var firstId = ReportIds.New("yq", DateTimeOffset.UtcNow);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        await fx
            .App.Services.GetRequiredService<ReportStore>()
            .ClaimAsync(IdempotencyClaim.For(YangFan, key, fingerprint), firstId, default);

        var retry = await client.SendAsync(Post(new StringContent(json, Encoding.UTF8, "application/json"), key));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstId, (await retry.JsonAsync()).Prop("id").GetString());

        var again = await client.SendAsync(Post(new StringContent(json, Encoding.UTF8, "application/json"), key));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstId, (await again.JsonAsync()).Prop("id").GetString());
    }

    [Fact]
    public async Task A_repeated_multipart_post_stores_nothing_new_and_a_json_post_cannot_reuse_its_key()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Post(Form("幂等图片稿件" + key[..8], Jpeg), key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await StorageSnapshotAsync(fx);

        var second = await client.SendAsync(Post(Form("幂等图片稿件" + key[..8], Jpeg), key));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            (await first.JsonAsync()).Prop("id").GetString(),
            (await second.JsonAsync()).Prop("id").GetString()
        );
        Assert.Equal(before, await StorageSnapshotAsync(fx));

        var json = await client.SendAsync(
            Post(
                new StringContent(
                    Json.Serialize(new { title = "另一份", body = "不同" }),
                    Encoding.UTF8,
                    "application/json"
                ),
                key
            )
        );
        Assert.Equal((HttpStatusCode)422, json.StatusCode);
        Assert.Equal(before, await StorageSnapshotAsync(fx));
    }

    [Fact]
    public async Task A_refused_multipart_post_gives_its_key_back_for_the_corrected_retry()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var key = Guid.NewGuid().ToString();
        var before = await StorageSnapshotAsync(fx);
        var disguised = Encoding.UTF8.GetBytes("MZ this is not a photo");
        var refused = await client.SendAsync(Post(Form("更正后重报" + key[..8], disguised), key));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal(before, await StorageSnapshotAsync(fx));

        var corrected = await client.SendAsync(Post(Form("更正后重报" + key[..8], Jpeg), key));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal("视察现场.jpg", (await corrected.JsonAsync()).Prop("attachments")[0].Prop("name").GetString());
    }
}
