using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfoFunctions.Platform;
using InfoFunctions.Tests.Infrastructure;
using Xunit;
using static InfoFunctions.Tests.Mailbox.MailboxTestSupport;
using static InfoFunctions.Tests.Submissions.IntakeTestSupport;

namespace InfoFunctions.Tests.Mailbox;

/// <summary>
/// Posts an attacker or a broken client could send: each is refused with a problem, or ends in an outcome an editor
/// sees — never in the poison queue.
/// </summary>
[Collection("app")]
public sealed class MailboxAttackTests(AppFixture fx)
{
    private async Task AssertNotPoisonedAsync(string mailId)
    {
        var poison = fx.Queues.GetQueueClient(StorageNames.Queues.MailInbound + "-poison");
        if ((await poison.ExistsAsync()).Value)
            Assert.DoesNotContain((await poison.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(mailId));
    }

    [Fact]
    public async Task Parsed_mode_with_control_characters_becomes_a_report_and_broken_json_fields_are_refused()
    {
        await ClientForAsync(fx, YangFan);
        var text = "埇桥区人大常委会召开代表座谈会，听取代表对城区交通治理工作的意见建议，提出建议十二条。\u0000\u0007\u001b";
        var messageId = $"<attack-{Guid.NewGuid():N}@example.org>";
        MultipartFormDataContent Form(bool brokenJson)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent($"From: yang.fan@example.org\r\nSubject: {"\u0001"}转：区人大召开座谈会\u0007\r\n" +
                    $"X-Junk: \u0000\u0000\r\nMessage-ID: {messageId}\r\n"), "headers" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "text" },
                { new StringContent("2"), "attachments" },
            };
            if (brokenJson)
            {
                form.Add(new StringContent("{not json"), "charsets");
                form.Add(new StringContent("[1,2,3]"), "attachment-info");
                form.Add(new StringContent("\"just a string\""), "envelope");
            }
            var garbage = new ByteArrayContent([0xFF, 0xFE, 0x00, 0x01, 0x02]);
            garbage.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            form.Add(garbage, "attachment1", "转发.eml");
            var photo = new ByteArrayContent(Jpeg);
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(photo, "attachment2", "现场.jpg");
            return form;
        }

        // SendGrid never sends these fields malformed: such a post is refused whole (400, nothing stored).
        using var client = fx.CreateClient();
        var refused = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail") { Content = Form(brokenJson: true) };
        refused.Headers.Add("x-functions-key", fx.FunctionKey);
        var answer = await client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await answer.JsonAsync();
        Assert.Equal("invalid-inbound", problem.GetProperty("code").GetString());
        Assert.Equal(["envelope", "charsets", "attachment-info"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));

        var mail = await fx.SettledAsync(await fx.PostMailAsync(Form(brokenJson: false)));
        Assert.Equal("Accepted", mail.GetString("Status"));
        var report = await fx.ReportAsync(mail.GetString("ReportId"));
        Assert.Equal("区人大召开座谈会", report.GetProperty("title").GetString());
        Assert.DoesNotContain(report.GetProperty("body").GetString()!,
            c => char.IsControl(c) && c is not ('\n' or '\t'));
        await AssertNotPoisonedAsync(mail.RowKey);
    }

    [Fact]
    public async Task A_raw_email_of_random_bytes_is_quarantined_not_poisoned()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        var mail = await fx.SettledAsync(await fx.PostMailAsync(SendGridInbound.Raw(bytes, "someone@example.org")));
        Assert.Equal("Quarantined", mail.GetString("Status"));
        await AssertNotPoisonedAsync(mail.RowKey);
    }

    [Fact]
    public async Task An_unknown_charset_label_falls_back_to_what_the_bytes_are()
    {
        await ClientForAsync(fx, YangFan);
        var text = "埇桥区人大常委会组织代表视察城区老旧小区改造项目，提出意见建议八条，已交有关部门办理。";
        var form = new MultipartFormDataContent
        {
            { new StringContent("From: yang.fan@example.org\r\n" +
                $"Message-ID: <charset-{Guid.NewGuid():N}@example.org>\r\n" +
                "Subject: =?x-unknown?B?AAAA?=\r\n"), "headers" },
            { new ByteArrayContent(ChineseEncodings.Gb18030.GetBytes(text)), "text" },
            { new StringContent("{\"text\":\"x-no-such-charset\"}"), "charsets" },
        };
        var mail = await fx.SettledAsync(await fx.PostMailAsync(form));
        Assert.Equal("Accepted", mail.GetString("Status"));
        Assert.Equal(text, (await fx.ReportAsync(mail.GetString("ReportId"))).GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_field_over_4_mb_is_refused_and_stores_nothing()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("From: yang.fan@example.org\r\n"), "headers" },
            { new ByteArrayContent(new byte[4 * 1024 * 1024 + 1]), "text" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/mail") { Content = form };
        request.Headers.Add("x-functions-key", fx.FunctionKey);
        using var client = fx.CreateClient();
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-multipart", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_outcome_list_refuses_oversize_and_control_character_queries_clearly()
    {
        using var editor = await ClientForAsync(fx, LinXiaowen);
        string[] queries = ["outcome=" + new string('x', 2000), "outcome=%00%07", "from=%00", "pageSize=99999999999"];
        foreach (var q in queries)
        {
            var response = await editor.GetAsync("api/mailbox/mail?" + q);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.JsonAsync();
            Assert.Equal("invalid-query", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("detail").GetString()!.Length < 400);
        }
    }
}
