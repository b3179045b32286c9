using InfoFunctions.DirectoryFeature;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Rewards;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Platform;

/// <summary>The one rule for text and days from outside, and the file-name cleaner beside it.</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("宿州市人大常委会", false)]
    [InlineData("𠀀 CJK Ext B and 😀", false)] // surrogate pairs are characters
    [InlineData("a\u0000b", true)]
    [InlineData("\u0007bell", true)]
    [InlineData("esc\u001b[31m", true)]
    [InlineData("del\u007f", true)]
    [InlineData("next line\u0085", true)]  // C1
    [InlineData("csi\u009b", true)]        // C1
    [InlineData("tab\there", true)]        // one-line fields take no tab
    [InlineData("line\nbreak", true)]
    public void One_line_text_refuses_controls(string text, bool refused) =>
        Assert.Equal(refused, InputRules.TextFault(text, 100) is not null);

    // Built in code: xunit turns a lone surrogate in InlineData into U+FFFD.
    [Theory]
    [InlineData("lone ", 0xD800, " high")]
    [InlineData("lone ", 0xDC00, " low")]
    [InlineData("ends high ", 0xD83D, "")]
    [InlineData("", 0xDE00, "starts low")]
    public void Unpaired_surrogates_are_refused(string before, int unit, string after)
    {
        var text = before + (char)unit + after;
        Assert.Contains("不成对的代理项", InputRules.TextFault(text, 100, multiline: true));
        Assert.Equal(FileNames.Clean(before + after + ".jpg"), FileNames.Clean(text + ".jpg"));
    }

    [Theory]
    [InlineData("第一段\n第二段\r\n\t缩进", false)]
    [InlineData("form feed\f", true)]
    [InlineData("vertical tab\v", true)]
    [InlineData("nul\0", true)]
    public void Multiline_text_allows_only_tab_and_line_breaks(string text, bool refused) =>
        Assert.Equal(refused, InputRules.TextFault(text, 100, multiline: true) is not null);

    [Fact]
    public void Length_is_counted_against_the_maximum()
    {
        Assert.Null(InputRules.TextFault(new string('字', 100), 100));
        Assert.Contains("最多 100 个字符，现有 101 个", InputRules.TextFault(new string('字', 101), 100));
    }

    [Fact]
    public void A_request_object_is_checked_field_by_field_and_each_fault_named_by_its_path()
    {
        var input = new SubmitReportRequest("标题\u0000", "正文\n第二行", null, new string('u', 201),
            [new AuthorInput("p1", "杨帆", null, null), new AuthorInput(null, "孔\u001b德志", null, null)], null, null);
        var errors = InputRules.Check(input);
        Assert.Equal(["title", "unitId", "authors[1].name"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.StartsWith(e.Field + " ", e.Message));
        Assert.Contains("U+0000", errors[0].Message);
        Assert.Contains("最多 200 个字符", errors[1].Message); // no declared limit: the default
    }

    [Fact]
    public void Declared_limits_apply_and_multiline_fields_keep_their_line_breaks()
    {
        Assert.Empty(InputRules.Check(new ActionRequest(Comment: "请补充：\n1. 数据来源\n2. 时间")));
        var errors = InputRules.Check(new ActionRequest(Comment: new string('意', InputRules.CommentMax + 1),
            Title: "两行\n标题"));
        Assert.Equal(["comment", "title"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Map_keys_and_nested_days_are_checked()
    {
        var standard = new StandardInput("2026-01-01",
            new Dictionary<string, RewardAmount> { ["ah\u0007web"] = new(1, 1) }, null, null, null, null, null);
        Assert.Equal(["carriers[\"ah\\u0007web\"]"], InputRules.Check(standard).Select(e => e.Field));

        var adoption = new ActionRequest(Adoption: new AdoptionInput("ah-web", new DateOnly(1, 1, 1), null, null,
            null, null, null, null, null), Carriers: [new ForwardTarget("ah-web", new DateOnly(9999, 12, 31))]);
        Assert.Equal(["carriers[0].date", "adoption.adoptedOn"], InputRules.Check(adoption).Select(e => e.Field));
    }

    [Theory]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("1999-12-31", false)]
    [InlineData("2000-01-01", true)]
    [InlineData("2099-12-31", true)]
    [InlineData("2026-02-30", false)]
    public void Days_are_range_checked_where_they_are_parsed(string text, bool accepted) =>
        Assert.Equal(accepted, BusinessTime.TryParseDay(text, out _));

    [Fact]
    public void Directory_input_from_an_import_is_checked_by_the_same_rule()
    {
        var errors = new List<FieldError>();
        Assert.Null(DirectoryRules.ValidateUnit(new UnitInput("bad-unit", "坏\u0000单\u0007位\u001b", "县区", null,
            null), errors));
        Assert.Equal("name", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("报告\u202Efdp.exe", "报告fdp.exe")]
    [InlineData("\u2066照片\u2069.jpg", "照片.jpg")]
    [InlineData("\u202A\u202B\u202C\u202D\u2067\u2068说明.docx", "说明.docx")]
    [InlineData("a\u0000b\u0085c.png", "abc.png")]
    [InlineData("😀.jpg", "😀.jpg")]
    public void File_names_lose_bidi_controls_controls_and_unpaired_surrogates(string raw, string clean) =>
        Assert.Equal(clean, FileNames.Clean(raw));

    [Fact]
    public void A_long_file_name_is_cut_without_splitting_a_character_or_a_long_extension()
    {
        var cut = FileNames.Clean(new string('a', 118) + "😀😀.jpg");
        Assert.Null(InputRules.TextFault(cut, 200));
        Assert.EndsWith(".jpg", cut);
        Assert.Equal(120, FileNames.Clean("x." + new string('e', 300)).Length);
    }

    [Fact]
    public void Xml_safe_text_drops_what_xml_cannot_hold_and_keeps_the_rest()
    {
        Assert.Equal("单位名称", InputRules.XmlSafe("单\u0000位\u0007名\u001b称"));
        Assert.Equal("第一行\n\t第二行 😀", InputRules.XmlSafe("第一行\n\t第二行 😀\ud800"));
    }
}
