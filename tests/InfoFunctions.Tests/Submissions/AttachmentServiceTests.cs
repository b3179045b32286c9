using System.Net;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Submissions;

/// <summary>Upload links and their confirmation (<c>AttachmentService</c>) through the API.</summary>
[Collection("app")]
public sealed class AttachmentServiceTests(AppFixture fx)
{
    [Fact]
    public async Task Upload_requests_are_checked_and_confirming_twice_answers_with_the_report()
    {
        using var client = await ClientForAsync(fx, YangFan);
        var id = (await (await client.PostJsonAsync("api/reports", new { title = "上传测试", body = "附图片。" })).JsonAsync())
            .Prop("id").GetString()!;

        var noName = await client.PostJsonAsync($"api/reports/{id}/uploads", new { size = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal("file-name-required", (await noName.JsonAsync()).Prop("code").GetString());
        var exe = await client.PostJsonAsync($"api/reports/{id}/uploads", new { fileName = "setup.exe" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"api/reports/{id}/uploads/0000/confirm",
            null)).StatusCode);

        var created = await client.PostJsonAsync($"api/reports/{id}/uploads", new { fileName = "现场.jpg" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.JsonAsync();
        Assert.Equal(ticket.Prop("confirmUrl").GetString(), created.Headers.Location!.OriginalString + "/confirm");
        var missing = await client.PostAsync(ticket.Prop("confirmUrl").GetString()!.TrimStart('/'), null);
        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        Assert.Equal("upload-missing", (await missing.JsonAsync()).Prop("code").GetString());

        var created2 = await (await client.PostJsonAsync($"api/reports/{id}/uploads",
            new { fileName = "现场.jpg" })).JsonAsync();
        using var direct = new HttpClient();
        var put = new HttpRequestMessage(HttpMethod.Put,
            created2.Prop("uploadUrl").GetString())
        { Content = new ByteArrayContent(Jpeg) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await direct.SendAsync(put)).StatusCode);
        var confirm = created2.Prop("confirmUrl").GetString()!.TrimStart('/');
        var once = await client.PostAsync(confirm, null);
        var twice = await client.PostAsync(confirm, null);
        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Single((await twice.JsonAsync()).Prop("attachments").EnumerateArray());
        var history = await (await client.GetAsync($"api/reports/{id}")).JsonAsync();
        Assert.Single(history.Prop("events").EnumerateArray(), e => e.Prop("what").GetString() == "attachment-added");

        // The first link for 现场.jpg is still open, so the second one took another name.
        Assert.Equal("现场(2).jpg", created2.Prop("fileName").GetString());
        var linkPath = $"api/reports/{id}/attachments/{Uri.EscapeDataString("现场(2).jpg")}/link";
        var link = await (await client.GetAsync(linkPath)).JsonAsync();
        Assert.Equal(Jpeg, await direct.GetByteArrayAsync(link.Prop("url").GetString()));
        Assert.Equal(HttpStatusCode.NotFound,
            (await client.GetAsync($"api/reports/{id}/attachments/nothing.jpg/link")).StatusCode);
    }
}
