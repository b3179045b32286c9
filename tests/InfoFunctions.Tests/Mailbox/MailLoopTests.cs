using System.Net;
using System.Text;
using System.Text.Json;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Mailbox.MailboxTestSupport;
using static InfoFunctions.Tests.Review.ReviewTestSupport;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>
/// The whole loop by mail: a returned report's notice is answered from Outlook, and the answer becomes version 2 and
/// goes back into review; answers from others or about reports no longer waiting are quarantined; then the
/// outcome listing shows what became of each mail.
/// </summary>
[Collection("app")]
public sealed class MailLoopTests(AppFixture fx)
{
    private const string Revised = "3月19日，埇桥区人大常委会组织部分省、市、区人大代表开展集中视察活动，实地察看了城区老旧小区改造、" +
        "农村公路建设和社区养老服务中心运营情况，听取相关部门工作汇报。视察组建议进一步加快项目进度，完善长效管护机制，" +
        "切实把民生实事办好办实。图为代表在社区养老服务中心视察。";

    private static string Gb(string text) =>
        $"=?gb2312?B?{Convert.ToBase64String(Encoding.GetEncoding("GB18030").GetBytes(text))}?=";

    private static string B64(string text) =>
        Convert.ToBase64String(Encoding.GetEncoding("GB18030").GetBytes(text.ReplaceLineEndings("\r\n")),
            Base64FormattingOptions.InsertLineBreaks);

    /// <summary>An Outlook reply: its own text above the quoted notice, a photo attached, every label gb2312.</summary>
    private static byte[] OutlookReply(string fromName, string from, JsonElement notice, string text,
        bool threaded = true)
    {
        var quoted = $"\n\n-----原始邮件-----\n发件人: 人大信息工作平台 <{notice.GetProperty("from").GetString()}>\n" +
            $"发送时间: 2026年3月19日 9:30\n收件人: {notice.GetProperty("toName").GetString()}\n" +
            $"主题: {notice.GetProperty("subject").GetString()}\n\n{notice.GetProperty("text").GetString()}";
        var id = notice.GetProperty("messageId").GetString();
        var thread = threaded ? $"In-Reply-To: <{id}>\r\nReferences: <{id}>\r\n" : "";
        return Encoding.ASCII.GetBytes($"""
            From: {Gb(fromName)} <{from}>
            To: {Gb("人大信息工作平台")} <xinxi@inbound.example.org>
            Subject: {Gb("回复: " + notice.GetProperty("subject").GetString())}
            Date: Thu, 19 Mar 2026 10:05:00 +0800
            Message-ID: <reply-{Guid.NewGuid():N}@example.org>
            {thread}MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="----=_NextPart_000_0007_01DAB9"
            X-Mailer: Microsoft Outlook 16.0

            ------=_NextPart_000_0007_01DAB9
            Content-Type: text/plain; charset="gb2312"
            Content-Transfer-Encoding: base64

            {B64(text + quoted)}

            ------=_NextPart_000_0007_01DAB9
            Content-Type: image/jpeg; name="{Gb("养老服务中心.jpg")}"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="{Gb("养老服务中心.jpg")}"

            {Convert.ToBase64String(Submissions.IntakeTestSupport.Jpeg)}

            ------=_NextPart_000_0007_01DAB9--

            """.ReplaceLineEndings("\r\n"));
    }

    /// <summary>A report by yang.fan, returned by an editor; its returned notice as the outbox holds it.</summary>
    private async Task<(string ReportId, JsonElement Notice)> ReturnedAsync(string salt)
    {
        using var officer = await ClientAsync(fx, YangFan);
        using var editor = await ClientAsync(fx, LinXiaowen);
        var id = await SubmitAsync(officer, $"埇桥区人大代表视察民生实事{salt}", WalkBody(salt));
        var etag = await WaitForStatusAsync(editor, id, "awaitingEdit");
        etag = await OkAsync(editor, id, etag, "startEdit", "editing");
        await OkAsync(editor, id, etag, "return", "returned", new { comment = "请补充视察的具体项目和代表建议，并附现场照片。" });

        List<JsonElement> notices = [];
        await Eventually.HoldsAsync(async () => (notices = await fx.OutboxAsync(e =>
            e.GetProperty("template").GetString() == "returned-for-revision"
            && e.GetProperty("messageId").GetString()!.StartsWith($"report.{id}."))).Count == 1, $"notice for {id}");
        return (id, notices[0]);
    }

    [Fact]
    public async Task A_reply_to_a_returned_reports_notice_becomes_version_2_and_reenters_review()
    {
        var (id, notice) = await ReturnedAsync("19");
        Assert.Contains("直接回复本邮件即可修改后重报", notice.GetProperty("text").GetString());
        Assert.Contains("（编号 ", notice.GetProperty("subject").GetString());

        var mail = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Parsed(
            OutlookReply("杨帆", "yang.fan@example.org", notice, "标题：埇桥区人大代表集中视察民生实事项目\n" + Revised))));
        Assert.Equal("Revised", mail.GetString("Status"));
        Assert.Equal(id, mail.GetString("ReportId"));

        using var editor = await ClientAsync(fx, LinXiaowen);
        var (report, _) = await GetAsync(editor, id);
        Assert.Equal("awaitingEdit", report.GetProperty("status").GetString());
        Assert.Contains(report.GetProperty("attachments").EnumerateArray(),
            a => a.GetProperty("name").GetString() == "养老服务中心.jpg");
        var versions = await (await editor.GetAsync($"api/reports/{id}/versions")).JsonAsync();
        var v2 = versions.EnumerateArray().Last();
        Assert.Equal(2, v2.GetProperty("number").GetInt32());
        Assert.Equal("revision", v2.GetProperty("kind").GetString());
        var full = await (await editor.GetAsync($"api/reports/{id}/versions/2")).JsonAsync();
        Assert.Equal(Revised, full.GetProperty("body").GetString());
        Assert.Equal("埇桥区人大代表集中视察民生实事项目", full.GetProperty("title").GetString());
        var history = await (await editor.GetAsync($"api/reports/{id}/history")).JsonAsync();
        var resubmit = history.EnumerateArray().Last(e => e.GetProperty("what").GetString() == "resubmit");
        Assert.Equal("demo-yang-fan", resubmit.GetProperty("who").GetString());
        Assert.Contains(mail.RowKey, resubmit.GetProperty("why").GetString());

        // The same reply again, and a reply from someone else: quarantined with the reason.
        var late = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(
            OutlookReply("杨帆", "yang.fan@example.org", notice, Revised))));
        Assert.Equal("Quarantined", late.GetString("Status"));
        Assert.Contains("不在等待作者修改", late.GetString("Note"));
        var other = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(
            OutlookReply("何梦洁", "he.mengjie@example.org", notice, Revised))));
        Assert.Equal("Quarantined", other.GetString("Status"));
        Assert.Contains("不是该稿件的作者", other.GetString("Note"));

        // What the editors see.
        var day = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var revised = await (await editor.GetAsync($"api/mailbox/mail?outcome=revised&from={day}&to={day}"))
            .JsonAsync();
        var item = Assert.Single(revised.GetProperty("items").EnumerateArray(),
            m => m.GetProperty("mailId").GetString() == mail.RowKey);
        Assert.Equal(report.GetProperty("trackingNumber").GetString(), item.GetProperty("trackingNumber").GetString());
        var quarantined = await (await editor.GetAsync($"api/mailbox/mail?outcome=quarantined&from={day}"))
            .JsonAsync();
        Assert.Contains(quarantined.GetProperty("items").EnumerateArray(), m =>
            m.GetProperty("mailId").GetString() == other.RowKey
            && m.GetProperty("reason").GetString()!.Contains("不是该稿件的作者"));
        Assert.DoesNotContain(quarantined.GetProperty("items").EnumerateArray(),
            m => m.GetProperty("outcome").GetString() != "quarantined");
    }

    [Fact]
    public async Task A_reply_that_lost_its_headers_is_matched_by_the_tracking_number_in_its_subject()
    {
        var (id, notice) = await ReturnedAsync("20");
        var mail = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(
            OutlookReply("杨帆", "yang.fan@example.org", notice, Revised, threaded: false))));
        Assert.Equal("Revised", mail.GetString("Status"));
        Assert.Equal(id, mail.GetString("ReportId"));
    }

    [Fact]
    public async Task The_outcome_listing_pages_filters_and_refuses_bad_queries()
    {
        using var editor = await ClientAsync(fx, LinXiaowen);
        var mime = SendGridInbound.WithMessageId(Fixture("foxmail-gb2312-extension-a.eml"),
            $"listing-{Guid.NewGuid():N}@example.org");
        var first = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(mime)));
        var again = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(mime)));
        Assert.Equal("Duplicate", again.GetString("Status"));

        var day = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var duplicates = await (await editor.GetAsync($"api/mailbox/mail?outcome=duplicate&from={day}")).JsonAsync();
        var item = Assert.Single(duplicates.GetProperty("items").EnumerateArray(),
            m => m.GetProperty("mailId").GetString() == again.RowKey);
        Assert.Equal(first.RowKey, item.GetProperty("duplicateOf").GetString());
        Assert.Equal(first.GetString("TrackingNumber"), item.GetProperty("trackingNumber").GetString());
        // The same bytes again are not parsed; the list names their sender and subject from the original.
        Assert.Null(again.GetString("Subject"));
        Assert.Equal(first.GetString("Subject"), item.GetProperty("subject").GetString());
        Assert.Equal(first.GetString("From"), item.GetProperty("from").GetString());

        // A third mail of its own, so three pages of one exist whatever else ran today.
        await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(SendGridInbound.WithMessageId(
            Fixture("foxmail-gb2312-extension-a.eml"), $"listing-{Guid.NewGuid():N}@example.org"))));
        var seen = new HashSet<string>();
        string? token = null;
        for (var page = 0; page < 3; page++)
        {
            var url = $"api/mailbox/mail?from={day}&pageSize=1" + (token is null ? "" : $"&continuationToken={token}");
            var json = await (await editor.GetAsync(url)).JsonAsync();
            Assert.Single(json.GetProperty("items").EnumerateArray(),
                m => seen.Add(m.GetProperty("mailId").GetString()!));
            token = json.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
            if (page < 2) Assert.NotNull(token);
        }

        foreach (var bad in new[] { "outcome=lost", "from=2026-13-01", "pageSize=0", "continuationToken=%%%",
            "from=2026-03-02&to=2026-03-01" })
        {
            var response = await editor.GetAsync($"api/mailbox/mail?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid-query", (await response.JsonAsync()).GetProperty("code").GetString());
        }
        using var officer = await ClientAsync(fx, YangFan);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("api/mailbox/mail")).StatusCode);
    }
}
