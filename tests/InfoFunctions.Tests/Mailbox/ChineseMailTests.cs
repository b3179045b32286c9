using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Mailbox.MailboxTestSupport;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>
/// Real Chinese mail in both SendGrid modes: GB18030-only characters under a gb2312 label, the mail's own
/// headers in parsed mode, one report for the same mail however it is posted, forwarded mail as an attachment.
/// </summary>
[Collection("app")]
public sealed class ChineseMailTests(AppFixture fx)
{
    private const string ExtensionA = "foxmail-gb2312-extension-a.eml";
    private const string Title = "埇桥区㮾塘社区人大代表联络站开展接访活动";
    private const string Subject = "信息报送：【日常动态】" + Title;

    private static byte[] Unique(string fixture, string tag) =>
        SendGridInbound.WithMessageId(Fixture(fixture), $"{tag}-{Guid.NewGuid():N}@example.org");

    private static void AssertNoLostCharacters(string? text)
    {
        Assert.NotNull(text);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.DoesNotContain('?', text);
    }

    private async Task<(TableEntity Mail, JsonElement Report)> AcceptedAsync(HttpContent post)
    {
        await ClientForAsync(fx, YangFan);
        var mail = await fx.SettledAsync(await fx.PostMailAsync(post));
        Assert.Equal("Accepted", mail.GetString("Status"));
        return (mail, await fx.ReportAsync(mail.GetString("ReportId")));
    }

    private static void AssertExtensionAReport(TableEntity mail, JsonElement report)
    {
        Assert.Equal(Subject, mail.GetString("Subject"));
        Assert.Equal(Title, report.GetProperty("title").GetString());
        Assert.Equal("dailyNews", report.GetProperty("category").GetString());
        var body = report.GetProperty("body").GetString();
        AssertNoLostCharacters(body);
        Assert.StartsWith("3月18日，埇桥区㮾塘社区人大代表联络站开展集中接访活动", body);
        Assert.Contains("图为㮾塘社区人大代表联络站接访现场。", body);
        var names = report.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("name").GetString());
        Assert.Equal(["㮾塘接访.jpg", "㮾塘社区座谈会.png"], names);
    }

    [Fact]
    public async Task Gb18030_only_characters_under_a_gb2312_label_survive_raw_mode_and_reach_the_receipt()
    {
        var (mail, report) = await AcceptedAsync(SendGridInbound.Raw(Unique(ExtensionA, "ext-a-raw")));
        AssertExtensionAReport(mail, report);

        var key = $"receipt:{report.GetProperty("trackingNumber").GetString()}";
        List<JsonElement> receipts = [];
        await Eventually.HoldsAsync(async () => (receipts = await fx.OutboxAsync(key)).Count > 0, key);
        Assert.Contains($"《{Title}》", receipts[0].GetProperty("subject").GetString());
        Assert.Contains($"标题：《{Title}》", receipts[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Gb18030_only_characters_under_a_gb2312_label_survive_parsed_mode()
    {
        var (mail, report) = await AcceptedAsync(SendGridInbound.Parsed(Unique(ExtensionA, "ext-a-parsed")));
        AssertExtensionAReport(mail, report);
        Assert.Equal("yang.fan@example.org", mail.GetString("From"));
        Assert.Equal("杨帆", mail.GetString("FromName"));
        Assert.StartsWith("<ext-a-parsed-", "<" + mail.GetString("MessageId"));
    }

    [Fact]
    public async Task The_same_mail_raw_then_parsed_and_parsed_twice_is_one_report_and_one_receipt()
    {
        var mime = Unique(ExtensionA, "modes");
        var (first, report) = await AcceptedAsync(SendGridInbound.Raw(mime));
        var parsed = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Parsed(mime)));
        var again = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Parsed(mime)));

        foreach (var duplicate in new[] { parsed, again })
        {
            Assert.Equal("Duplicate", duplicate.GetString("Status"));
            Assert.Equal(first.RowKey, duplicate.GetString("DuplicateOf"));
            Assert.Null(duplicate.GetString("ReportId"));
        }

        using var editor = await ClientForAsync(fx, LinXiaowen);
        var list = await (await editor.GetAsync($"api/reports?unitId=yq&q={Uri.EscapeDataString(Title)}")).JsonAsync();
        Assert.Single(
            list.GetProperty("items").EnumerateArray(),
            r => r.GetProperty("trackingNumber").GetString() == report.GetProperty("trackingNumber").GetString()
        );
        var key = $"receipt:{report.GetProperty("trackingNumber").GetString()}";
        await Eventually.HoldsAsync(async () => (await fx.OutboxAsync(key)).Count == 1, key);
    }

    [Fact]
    public async Task Parsed_mode_posted_twice_alone_is_one_report()
    {
        var mime = Unique(ExtensionA, "parsed-twice");
        var (first, _) = await AcceptedAsync(SendGridInbound.Parsed(mime));
        var again = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Parsed(mime)));
        Assert.Equal("Duplicate", again.GetString("Status"));
        Assert.Equal(first.RowKey, again.GetString("DuplicateOf"));
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("parsed")]
    public async Task A_mail_forwarded_as_an_attachment_is_unpacked_in_both_modes(string mode)
    {
        var mime = Unique("outlook-forward-attached.eml", "fwd-" + mode);
        var (mail, report) = await AcceptedAsync(
            mode == "raw" ? SendGridInbound.Raw(mime) : SendGridInbound.Parsed(mime)
        );
        Assert.Equal("转发: 黄口镇人大组织开展“代表进站”活动", mail.GetString("Subject"));
        Assert.Equal("黄口镇人大组织开展“代表进站”活动", report.GetProperty("title").GetString());
        Assert.StartsWith("3月17日，萧县黄口镇人大主席团", report.GetProperty("body").GetString());
        Assert.Equal("xx", report.GetProperty("unitId").GetString());
        var names = report.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("name").GetString());
        Assert.Equal(["代表进站.jpg"], names);
    }

    [Fact]
    public async Task Parsed_mode_subject_field_is_a_fallback_whose_encoded_words_are_decoded()
    {
        await ClientForAsync(fx, YangFan);
        var text = "埇桥区人大常委会组织代表开展集中视察活动，实地察看重点民生项目六个，提出意见建议九条。";
        var form = new MultipartFormDataContent
        {
            {
                new StringContent(
                    $"From: yang.fan@example.org\r\nMessage-ID: <fallback-{Guid.NewGuid():N}@example.org>\r\n"
                ),
                "headers"
            },
            {
                new StringContent(
                    "=?gb2312?B?"
                        + Convert.ToBase64String(
                            System
                                .Text.Encoding.GetEncoding("GB18030")
                                .GetBytes("转：埇桥区人大组织代表视察㮾塘民生项目")
                        )
                        + "?="
                ),
                "subject"
            },
            { new StringContent("yang.fan@example.org"), "from" },
            { new StringContent(text), "text" },
            { new StringContent(SendGridInbound.Envelope("yang.fan@example.org")), "envelope" },
            { new StringContent("{\"text\":\"UTF-8\",\"subject\":\"UTF-8\"}"), "charsets" },
        };
        var mail = await fx.SettledAsync(await fx.PostMailAsync(form));
        Assert.Equal("Accepted", mail.GetString("Status"));
        Assert.Equal("转：埇桥区人大组织代表视察㮾塘民生项目", mail.GetString("Subject"));
        var report = await fx.ReportAsync(mail.GetString("ReportId"));
        Assert.Equal("埇桥区人大组织代表视察㮾塘民生项目", report.GetProperty("title").GetString());
    }
}
