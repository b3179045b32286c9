using System.Text;
using InfoFunctions.Mailbox;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using MimeKit;
using Xunit;

namespace InfoFunctions.Tests.Mailbox;

public sealed class SubjectTitleTests
{
    [Theory]
    [InlineData("信息报送：埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", false)]
    [InlineData("报送:埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", false)]
    [InlineData("投稿： 埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", false)]
    [InlineData("转发：信息报送：埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", true)]
    [InlineData("转：埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", true)]
    [InlineData("回复：回复：埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", false)]
    [InlineData("RE: Fw: FWD：埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", true)]
    [InlineData("Re:【信息报送】【宿州人大】埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", false)]
    [InlineData("【转发】 答复： 埇桥区人大开展代表接访活动", "埇桥区人大开展代表接访活动", false)]
    [InlineData("报送工作会议在埇桥区召开", "报送工作会议在埇桥区召开", false)]
    [InlineData("转型发展：埇桥区人大调研", "转型发展：埇桥区人大调研", false)]
    public void Prefixes_are_taken_off_the_title(string subject, string title, bool forwarded)
    {
        var parts = SubjectTitle.Parse(subject);
        Assert.Equal(title, parts.Title);
        Assert.Equal(forwarded, parts.Forwarded);
    }

    [Fact]
    public void A_tag_naming_a_category_sets_it_wherever_it_stands_among_the_prefixes()
    {
        var parts = SubjectTitle.Parse("转发：信息报送：【紧急】【典型经验】区人大代表联络站建设经验");
        Assert.Equal("区人大代表联络站建设经验", parts.Title);
        Assert.Equal(ReportCategory.TypicalExperience, parts.Category);
    }

    [Theory]
    [InlineData("gb2312")]
    [InlineData("GBK")]
    [InlineData("x-gbk")]
    [InlineData("cp936")]
    public void Every_gb_label_decodes_as_gb18030(string label)
    {
        const string text = "㮾塘社区䶮";
        var bytes = ChineseEncodings.Gb18030.GetBytes(text);
        Assert.Equal(text, Encoding.GetEncoding(label).GetString(bytes));
        Assert.Equal(text, Encoding.GetEncoding(936).GetString(bytes));
        Assert.Equal(text, TextDecoding.Decode(bytes, label));
        var word = $"=?{label}?B?{Convert.ToBase64String(bytes)}?=";
        Assert.Equal(text, MailParser.DecodeName(word));
        var part = new MimeKit.TextPart("plain");
        part.SetText(Encoding.GetEncoding(label), text);
        Assert.Equal(text, part.GetText(out _));
    }

    [Fact]
    public void Mimekit_decodes_a_gb2312_labelled_header_with_four_byte_sequences()
    {
        var bytes = ChineseEncodings.Gb18030.GetBytes("信息报送：㮾塘社区");
        var raw = $"Subject: =?gb2312?B?{Convert.ToBase64String(bytes)}?=\r\n\r\nx";
        var m = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)));
        Assert.Equal("信息报送：㮾塘社区", m.Subject);
    }
}
