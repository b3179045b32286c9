using System.Text;
using InfoFunctions.Mailbox;
using InfoFunctions.Submissions;
using MimeKit;
using Xunit;

namespace InfoFunctions.Tests.Mailbox;

public sealed class MailParserTests
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Mail", name);

    private static async Task<ParsedMail> ParseAsync(string name)
    {
        await using var file = File.OpenRead(FixturePath(name));
        return MailParser.Parse(await MailParser.LoadAsync(file, default));
    }

    [Fact]
    public async Task Outlook_gb2312_mail_with_only_a_chinese_named_docx_uses_the_docx_as_body()
    {
        var m = await ParseAsync("outlook-gb2312-docx.eml");
        Assert.Equal("yang.fan@example.org", m.FromAddress);
        Assert.Equal("杨帆", m.FromName);
        Assert.Equal("区人大代表联络站建设经验", m.Title);
        Assert.Equal(ReportCategory.TypicalExperience, m.Category);
        Assert.True(m.BodyFromDocx);
        Assert.StartsWith("埇桥区人大常委会推进代表联络站建设的做法\n今年以来", m.Body);
        Assert.Equal("代表联络站建设经验.docx", Assert.Single(m.Attachments).Name);
        Assert.Equal(AutoKind.None, m.Auto);
    }

    [Fact]
    public async Task Foxmail_gbk_mail_keeps_text_and_rfc2231_named_photos()
    {
        var m = await ParseAsync("foxmail-gbk-photos.eml");
        Assert.Equal("砀山县人大开展梨园产业调研", m.Title);
        Assert.Equal(ReportCategory.DailyNews, m.Category);
        Assert.StartsWith("砀山县人大常委会组织部分代表", m.Body);
        Assert.Equal(["砀山梨园调研现场1.jpg", "座谈会现场.png"], m.Attachments.Select(a => a.Name).ToArray());
    }

    [Fact]
    public async Task Html_only_utf8_mail_becomes_plain_text()
    {
        var m = await ParseAsync("html-only-utf8.eml");
        Assert.Equal("萧县人大召开代表座谈会", m.Title);
        Assert.Contains("教育&医疗", m.Body);
        Assert.Contains("建议<30>条", m.Body);
        Assert.DoesNotContain("alert", m.Body);
        Assert.DoesNotContain("font-size", m.Body);
        Assert.DoesNotContain("<p>", m.Body);
    }

    [Fact]
    public async Task Inline_forward_takes_the_forwarded_report()
    {
        var m = await ParseAsync("forwarded.eml");
        Assert.True(m.Forwarded);
        Assert.Equal("关于加强乡镇人大主席团建设的建议", m.Title);
        Assert.Equal(ReportCategory.Proposal, m.Category);
        Assert.StartsWith("建议进一步明确乡镇人大主席团的工作职责", m.Body);
        Assert.DoesNotContain("发件人", m.Body);
        Assert.DoesNotContain("转给研究室", m.Body);
    }

    [Fact]
    public void Forward_as_attached_message_uses_the_inner_message()
    {
        var inner = new MimeMessage { Subject = "泗县人大开展代表小组活动" };
        inner.From.Add(new MailboxAddress("施雨晴", "shi.yuqing@example.org"));
        inner.Body = new TextPart("plain") { Text = "泗县人大常委会组织代表小组开展集中视察活动。" };
        var outer = new MimeMessage { Subject = "FW: 泗县人大开展代表小组活动" };
        outer.From.Add(new MailboxAddress("张磊", "zhang.lei@example.org"));
        outer.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "请查收。" },
            new MessagePart { Message = inner },
        };

        var m = MailParser.Parse(outer);
        Assert.Equal("zhang.lei@example.org", m.FromAddress); // the forwarder is the sender
        Assert.True(m.Forwarded);
        Assert.Equal("泗县人大开展代表小组活动", m.Title);
        Assert.Equal("泗县人大常委会组织代表小组开展集中视察活动。", m.Body);
    }

    [Theory]
    [InlineData("bounce.eml", AutoKind.Bounce)]
    [InlineData("auto-reply.eml", AutoKind.AutoReply)]
    [InlineData("twice.eml", AutoKind.None)]
    [InlineData("unknown-sender.eml", AutoKind.None)]
    public async Task Auto_replies_and_bounces_are_recognised(string name, AutoKind expected) =>
        Assert.Equal(expected, (await ParseAsync(name)).Auto);

    [Fact]
    public async Task Gb18030_body_decodes()
    {
        var m = await ParseAsync("twice.eml");
        Assert.Contains("《中华人民共和国食品安全法》", m.Body);
    }

    [Fact]
    public void Empty_return_path_in_the_envelope_is_a_bounce()
    {
        var msg = new MimeMessage { Subject = "x" };
        msg.From.Add(new MailboxAddress("", "a@example.org"));
        msg.Body = new TextPart("plain") { Text = "x" };
        Assert.Equal(AutoKind.Bounce, MailParser.DetectAuto(msg, ""));
        Assert.Equal(AutoKind.None, MailParser.DetectAuto(msg, "a@example.org"));
    }
}
