using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

public static class ReviewTestSupport
{
    public const string YangFan = IntakeTestSupport.YangFan; // officer, yq
    public const string QinHaoyu = IntakeTestSupport.QinHaoyu; // officer, ds
    public const string ZhouMingyuan = "demo-zhou-mingyuan"; // signer + editor
    public const string LinXiaowen = IntakeTestSupport.LinXiaowen; // editor + officer (研究室)
    public const string HeJiarui = "demo-he-jiarui"; // editor + officer (研究室)
    public const string GaoJianguo = "demo-gao-jianguo"; // leader + signer (签发 what 周明远 approved)
    public const string SongYiran = "demo-song-yiran"; // admin

    /// <summary>Today in Beijing, <c>yyyy-MM-dd</c>: forwarding and adoption dates may not be later.</summary>
    public static string Today => BusinessTime.Format(BusinessTime.DayOf(DateTimeOffset.UtcNow));

    /// <summary>
    /// A report body that passes the format checks; <paramref name="salt"/> keeps tests' texts apart.
    /// </summary>
    public static string WalkBody(string salt) =>
        $"11月{salt}日，萧县人大常委会召开座谈会，听取部分县人大代表对全县义务教育优质均衡发展工作的意见建议。座谈会上，代表们结合视察调研"
        + "和走访群众了解的情况，围绕学校布局调整、教师队伍建设、课后服务质量、农村学校办学条件改善等问题踊跃发言，提出了许多具有针对性和"
        + "可操作性的意见建议。会议要求，县教育部门要认真梳理代表意见，逐条研究落实，及时向代表反馈办理情况。";

    public static async Task<string> SubmitAsync(HttpClient officer, string title, string body)
    {
        var response = await officer.PostJsonAsync(
            "api/reports",
            new
            {
                title,
                body,
                category = "dailyNews",
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<(JsonElement Report, string ETag)> GetAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"api/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.GetValues("ETag").Single();
        return ((await response.JsonAsync()).GetProperty("report"), etag);
    }

    public static async Task<string> WaitForStatusAsync(HttpClient client, string id, string status)
    {
        string? last = null;
        await Eventually.HoldsAsync(
            async () => (last = (await GetAsync(client, id)).Report.GetProperty("status").GetString()) == status,
            $"report {id} reaches {status} (last {last})"
        );
        return (await GetAsync(client, id)).ETag;
    }

    public static async Task<HttpResponseMessage> ActAsync(
        HttpClient client,
        string id,
        string etag,
        string action,
        object? body = null
    )
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/reports/{id}/review/{action}");
        if (body is not null)
            request.Content = JsonContent.Create(body, options: Json.Options);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    /// <summary>Acts and expects success; returns the new ETag.</summary>
    public static async Task<string> OkAsync(
        HttpClient client,
        string id,
        string etag,
        string action,
        string expectStatus,
        object? body = null
    )
    {
        var response = await ActAsync(client, id, etag, action, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        Assert.True(json.TryGetProperty("report", out var rep) && rep.TryGetProperty("status", out _), text);
        Assert.Equal(expectStatus, json.GetProperty("report").GetProperty("status").GetString());
        var tag = response.Headers.GetValues("ETag").Single();
        Assert.Equal(tag, json.GetProperty("etag").GetString());
        Assert.NotEqual(etag, tag);
        return tag;
    }

    public static Task<HttpClient> ClientAsync(AppFixture fx, string personId) =>
        IntakeTestSupport.ClientForAsync(fx, personId);
}
