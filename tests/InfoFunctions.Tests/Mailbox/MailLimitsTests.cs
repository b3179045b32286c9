using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using InfoFunctions.Tests.Platform;
using Xunit;
using static InfoFunctions.Tests.Mailbox.MailboxTestSupport;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>
/// A mail over a limit goes to quarantine with the reason, from a known sender too, and never to the poison queue:
/// a Word bomb, a megabyte of subject, ten thousand attachments.
/// </summary>
[Collection("app")]
public sealed class MailLimitsTests(AppFixture fx)
{
    private static string Word(string text) => $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static string Mime(string subject, string parts) => $"""
        From: {Word("杨帆")} <yang.fan@example.org>
        To: xinxi@inbound.example.org
        Subject: {subject}
        Message-ID: <limits-{Guid.NewGuid():N}@example.org>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="lim"

        --lim
        Content-Type: text/plain; charset=UTF-8

        稿件见附件。
        {parts}--lim--

        """.ReplaceLineEndings("\r\n");

    private async Task<JsonElement> QuarantinedAsync(HttpContent post, string reasonPart)
    {
        using var editor = await ClientForAsync(fx, LinXiaowen);
        var mail = await fx.SettledAsync(await fx.PostMailAsync(post));
        Assert.Equal("Quarantined", mail.GetString("Status"));
        Assert.Contains(reasonPart, mail.GetString("Note"));
        Assert.Null(mail.GetString("ReportId"));

        var poison = fx.Queues.GetQueueClient(StorageNames.Queues.MailInbound + "-poison");
        if ((await poison.ExistsAsync()).Value)
            Assert.DoesNotContain((await poison.PeekMessagesAsync(32)).Value,
                m => m.Body.ToString().Contains(mail.RowKey));

        var listed = await (await editor.GetAsync("api/mailbox/quarantine")).JsonAsync();
        var item = Assert.Single(listed.EnumerateArray(), q => q.GetProperty("mailId").GetString() == mail.RowKey);
        Assert.Contains(reasonPart, item.GetProperty("reason").GetString());
        return item;
    }

    [Fact]
    public async Task A_docx_bomb_from_a_known_sender_is_quarantined_with_the_reason()
    {
        await ClientForAsync(fx, YangFan);
        var bomb = Convert.ToBase64String(OfficeBombs.Docx(inflated: 512L * 1024 * 1024), Base64FormattingOptions
            .InsertLineBreaks);
        var part = $"""
            --lim
            Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document
            Content-Disposition: attachment; filename*=UTF-8''{Uri.EscapeDataString("经验材料.docx")}
            Content-Transfer-Encoding: base64

            {bomb}

            """;
        var item = await QuarantinedAsync(SendGridInbound.Raw(Encoding.UTF8.GetBytes(Mime(Word("区人大经验材料"), part))),
            "疑为压缩炸弹");
        Assert.Contains("经验材料.docx", item.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_megabyte_of_subject_is_quarantined_and_the_record_keeps_a_cut_subject()
    {
        await ClientForAsync(fx, YangFan);
        var subject = Word(string.Concat(Enumerable.Repeat("埇桥区人大常委会开展代表接访活动", 40_000)));
        var item = await QuarantinedAsync(SendGridInbound.Raw(Encoding.UTF8.GetBytes(Mime(subject, ""))), "邮件主题长达");
        Assert.True(item.GetProperty("subject").GetString()!.Length < 3000);
    }

    [Fact]
    public async Task Ten_thousand_attachments_in_parsed_mode_are_quarantined()
    {
        await ClientForAsync(fx, YangFan);
        var form = new MultipartFormDataContent
        {
            { new StringContent($"From: yang.fan@example.org\r\nSubject: {Word("照片一万张")}\r\n" +
                $"Message-ID: <many-{Guid.NewGuid():N}@example.org>\r\n"), "headers" },
            { new StringContent("yang.fan@example.org"), "from" },
            { new StringContent("照片见附件。"), "text" },
            { new StringContent(SendGridInbound.Envelope("yang.fan@example.org")), "envelope" },
            { new StringContent("10000"), "attachments" },
        };
        for (var i = 1; i <= 10_000; i++)
        {
            var file = new ByteArrayContent(Jpeg);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, $"attachment{i}", $"photo{i}.jpg");
        }
        var item = await QuarantinedAsync(form, "10001 个部件");
        Assert.Equal(50, item.GetProperty("attachmentNames").GetArrayLength());
    }

    [Fact]
    public async Task An_xlsx_bomb_import_is_413_and_imports_nothing()
    {
        using var admin = fx.CreateAdminClient();
        var content = new ByteArrayContent(OfficeBombs.Xlsx(inflated: 90L * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var response = await admin.PostAsync("api/directory/import/units", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("office-limit", problem.GetProperty("code").GetString());
        Assert.Contains("字符", problem.GetProperty("detail").GetString());
    }
}
