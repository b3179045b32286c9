using System.Text;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Submissions;

public sealed class CharCounterTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("人大信息", 4)]
    [InlineData("人大信息，工作。", 8)]                 // full-width punctuation counts
    [InlineData("“代表之声”", 6)]                        // CJK quotes count
    [InlineData("2026年3月", 4)]                         // 2026 / 年 / 3 / 月
    [InlineData("GDP增长3.5%", 4)]                       // GDP, 增, 长, 3.5 — ASCII % not counted
    [InlineData("COVID-19 防控", 3)]
    [InlineData("hello world", 2)]
    [InlineData("  \n\t ", 0)]
    [InlineData("宿州市人大常委会召开第1次会议。", 16)]
    [InlineData("ＡＢＣ１２３", 1)]                       // full-width Latin and digits are one word
    [InlineData("𠀀字", 2)]                              // extension B counts once, not per surrogate
    public void Counts_like_chinese_editors(string text, int expected) =>
        Assert.Equal(expected, CharCounter.Count(text));
}

public sealed class PlainTextTests
{
    [Fact]
    public void Html_becomes_plain_text_without_markup_or_scripts()
    {
        var text = PlainText.Clean("<html><head><style>p{color:red}</style></head><body><script>alert('x')</script>" +
            "<p>第一段&nbsp;内容</p>\n<p>第二段 &amp; &lt;建议&gt;<br>换行</p><!-- 注释 --></body></html>");
        Assert.Equal("第一段 内容\n\n第二段 & <建议>\n换行", text);
        Assert.DoesNotContain("alert", text);
        Assert.DoesNotContain("color", text);
    }

    [Fact]
    public void Plain_text_keeps_its_lines_and_loses_control_characters()
    {
        Assert.Equal("一行\n二行\n\n三行", PlainText.Clean("一行\r\n二行\u0007\r\n\r\n\r\n\r\n三行  "));
    }
}

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData(@"C:\Users\杨帆\Desktop\调研报告.docx", "调研报告.docx")]
    [InlineData("代表\u0000联络站\r\n.jpg", "代表联络站.jpg")]
    [InlineData("..", "附件")]
    [InlineData("a<b>:c?.pdf", "abc.pdf")]
    [InlineData("   .hidden.txt", "hidden.txt")]
    public void Names_lose_paths_and_control_characters_but_keep_chinese(string raw, string expected) =>
        Assert.Equal(expected, FileNames.Clean(raw));

    [Fact]
    public void Duplicate_names_are_numbered()
    {
        var taken = new HashSet<string>();
        Assert.Equal("图.jpg", FileNames.Unique("图.jpg", taken));
        Assert.Equal("图(2).jpg", FileNames.Unique("图.jpg", taken));
    }
}

public sealed class ContentSnifferTests
{
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0];

    [Theory]
    [InlineData("a.jpg", "FFD8FFE0", Signature.Jpeg)]
    [InlineData("a.png", "89504E470D0A1A0A", Signature.Png)]
    [InlineData("a.gif", "474946383961", Signature.Gif)]
    [InlineData("a.webp", "52494646000000005745425056503820", Signature.Webp)]
    [InlineData("a.pdf", "255044462D312E37", Signature.Pdf)]
    [InlineData("a.doc", "D0CF11E0A1B11AE1", Signature.Ole)]
    [InlineData("a.wps", "D0CF11E0A1B11AE1", Signature.Ole)]
    [InlineData("a.docx", "504B0304", Signature.Zip)]
    [InlineData("a.mp4", "0000001866747970", Signature.Mp4)]
    public void Allowed_types_pass_by_signature(string name, string hex, Signature expected)
    {
        var head = Convert.FromHexString(hex);
        Assert.Equal(expected, ContentSniffer.Detect(head));
        var type = ContentSniffer.Check(name, head);
        Assert.True(type.IsOk);
        Assert.Equal(expected, type.Value.Signature);
    }

    [Fact]
    public void Text_in_utf8_or_gb18030_is_text_binary_is_not()
    {
        Assert.Equal(Signature.Text, ContentSniffer.Detect(Encoding.UTF8.GetBytes("人大信息工作\r\n第二行")));
        Assert.Equal(Signature.Text, ContentSniffer.Detect(Encoding.GetEncoding("GB18030").GetBytes("人大信息工作\r\n第二行")));
        Assert.NotEqual(Signature.Text, ContentSniffer.Detect(Exe));
    }

    [Theory]
    [InlineData("photo.jpg")]  // an executable renamed
    [InlineData("report.pdf")]
    [InlineData("notes.txt")]
    public void Disguised_executable_is_refused(string name)
    {
        var type = ContentSniffer.Check(name, Exe);
        Assert.False(type.IsOk);
        Assert.Equal(ProblemKind.UnsupportedType, type.Problem!.Kind);
        Assert.Contains("不符", type.Problem.Detail);
    }

    [Fact]
    public void Real_type_under_the_wrong_allowed_extension_is_refused()
    {
        var type = ContentSniffer.Check("photo.pdf", Jpeg);
        Assert.False(type.IsOk);
        Assert.Contains("JPEG", type.Problem!.Detail);
    }

    [Fact]
    public void Unlisted_extension_is_refused_even_with_good_content() =>
        Assert.False(ContentSniffer.Check("photo.exe", Jpeg).IsOk);

    [Fact]
    public async Task Metered_stream_stops_at_the_limit_and_inspection_notices_word_entries()
    {
        var big = new MemoryStream(new byte[10_000]);
        var s = new MeteredStream(big, 4096);
        await Assert.ThrowsAsync<FileTooLargeException>(() => s.CopyToAsync(Stream.Null));

        var zip = new MemoryStream();
        using (var a = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            a.CreateEntry("[Content_Types].xml");
            a.CreateEntry("word/document.xml");
        }
        zip.Position = 0;
        var inspection = new FileInspection();
        var inspect = new MeteredStream(zip, 1 << 20, observe: inspection.Observe);
        await inspect.ReadAheadAsync(ContentSniffer.HeadLength, default);
        Assert.True(inspect.Ended); // a small zip is read ahead whole
        Assert.Equal(zip.Length, inspection.HeadLength);
        await inspect.CopyToAsync(Stream.Null);
        Assert.True(inspection.SawWordEntry);
        Assert.Equal(zip.Length, inspect.BytesRead);
    }
}

public sealed class ReportRulesTests
{
    private static readonly Principal Officer = new("p1", "杨帆", "yang.fan@example.org", "yq", Role.Officer);
    private static readonly Principal Editor = new("p2", "林晓雯", null, "sz-yjs", Role.Editor);

    [Fact]
    public void Officer_submits_for_own_unit_with_self_as_default_author()
    {
        var result = ReportRules.Validate(new("标题", "<p>正文</p>", "典型经验", null, null, null, null), Officer, Channel.Api);
        Assert.True(result.IsOk);
        var draft = result.Value;
        Assert.Equal("yq", draft.UnitId);
        Assert.Equal("正文", draft.Body);
        Assert.Equal(ReportCategory.TypicalExperience, draft.Category);
        Assert.Equal("杨帆", Assert.Single(draft.Authors).Name);
    }

    [Fact]
    public void Officer_cannot_submit_for_another_unit_but_editor_can()
    {
        Assert.Equal(ProblemKind.Forbidden,
            ReportRules.Validate(new("标题", "正文", null, "ds", null, null, null), Officer, Channel.Api).Problem!.Kind);
        Assert.Equal("ds", ReportRules.Validate(new("标题", "正文", null, "ds", null, null, null), Editor,
            Channel.Api).Value.UnitId);
    }

    [Theory]
    [InlineData("", "正文", "title")]
    [InlineData("  ", "正文", "title")]
    [InlineData("标题", "", "body")]
    [InlineData("标题", "<p> </p>", "body")]
    public void Empty_title_or_body_is_an_error(string title, string body, string field) =>
        Assert.Contains(ReportRules.Validate(new(title, body, null, null, null, null, null), Officer,
            Channel.Api).Problem!.Errors!,
            e => e.Field == field);

    [Fact]
    public void Shares_are_all_or_none_and_sum_to_one()
    {
        SubmitReportRequest With(params AuthorInput[] a) => new("标题", "正文", null, null, a, null, null);
        Assert.True(ReportRules.Validate(With(new("p1", null, 0.6m, false), new(null, "朱玲玲", 0.4m, true)), Officer,
            Channel.Api).IsOk);
        Assert.NotEmpty(ReportRules.Validate(With(new("p1", null, 0.6m, false), new(null, "朱玲玲", null, true)), Officer,
            Channel.Api)
            .Problem!.Errors!);
        Assert.NotEmpty(ReportRules.Validate(With(new("p1", null, 0.6m, false), new(null, "朱玲玲", 0.6m, true)), Officer,
            Channel.Api)
            .Problem!.Errors!);
        var deputy = ReportRules.Validate(With(new("p1", null, null, null), new(null, "朱玲玲", null, true)), Officer,
            Channel.Api).Value;
        Assert.True(deputy.Authors[1].IsDeputy);
    }

    [Fact]
    public void Report_ids_encode_the_unit_and_sort_newest_first()
    {
        var older = ReportIds.New("yq", DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var newer = ReportIds.New("yq", DateTimeOffset.Parse("2026-06-01T00:00:00Z"));
        Assert.True(ReportIds.TryParse(older, out var unit, out var key));
        Assert.Equal("yq", unit);
        Assert.True(string.CompareOrdinal(newer, older) < 0);
        Assert.False(ReportIds.TryParse("yq~../../x", out _, out _));
    }

    [Fact]
    public void Tracking_year_is_the_shanghai_year() =>
        Assert.Equal(2026, TrackingNumbers.YearOf(DateTimeOffset.Parse("2025-12-31T16:30:00Z")));
}
