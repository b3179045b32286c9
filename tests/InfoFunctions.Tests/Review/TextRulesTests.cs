using InfoFunctions.Review;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

public static class ChineseSamples
{
    public const string Original =
        "11月20日，埇桥区人大常委会组织部分市、区人大代表开展农村饮水安全工程专题视察。代表们先后来到符离镇、夹沟镇水厂，"
        + "实地察看水源保护、净水设施运行和管网延伸情况，听取区水利局关于农村饮水安全工作的汇报。代表们指出，近年来全区农村饮水"
        + "安全工程建设成效明显，自来水普及率达到百分之九十六，但仍存在部分管网老化、水质检测频次不足、运行管护经费短缺等问题。"
        + "代表们建议，要加大财政投入，建立长效管护机制，加强水源地保护和水质监测，确保群众喝上放心水。";

    // The same news as another unit would send it: sentences reordered, some words changed, a different lead-in.
    public const string Rephrased =
        "近日，区人大常委会组织部分市、区人大代表，对农村饮水安全工程开展专题视察。代表们实地察看了符离镇、夹沟镇水厂的水源保护、"
        + "净水设施运行和管网延伸情况，并听取了区水利局关于农村饮水安全工作的汇报。代表们认为，近年来全区农村饮水安全工程建设成效明显，"
        + "自来水普及率达到百分之九十六，但仍然存在部分管网老化、水质检测频次不足、运行管护经费短缺等问题。代表们建议加大财政投入，"
        + "建立长效管护机制，加强水源地保护和水质监测，让群众喝上放心水。";

    // Same genre and many shared phrases (人大常委会, 代表们, 建议), different news.
    public const string Unrelated =
        "11月18日，砀山县人大常委会召开第十二次会议，听取和审议县人民政府关于优化营商环境工作情况的报告。会议指出，县政府坚持把"
        + "优化营商环境作为一号改革工程，深化放管服改革，企业开办时间压缩至一个工作日，政务服务事项网上可办率达到百分之九十八。"
        + "会议要求，要进一步强化法治保障，落实优化营商环境条例，加大涉企纠纷化解力度，切实解决企业融资难、用工难等问题，"
        + "持续打造市场化、法治化、国际化一流营商环境。";
}

public class NearDuplicateTests
{
    [Fact]
    public void Rephrased_copy_scores_above_the_threshold()
    {
        var s = NearDuplicates.Similarity(
            NearDuplicates.Signature(ChineseSamples.Original),
            NearDuplicates.Signature(ChineseSamples.Rephrased)
        );
        Assert.True(s >= NearDuplicates.Threshold, $"similarity {s:0.00}");
    }

    [Fact]
    public void Unrelated_report_on_a_similar_topic_scores_below_the_threshold()
    {
        var s = NearDuplicates.Similarity(
            NearDuplicates.Signature(ChineseSamples.Original),
            NearDuplicates.Signature(ChineseSamples.Unrelated)
        );
        Assert.True(s < NearDuplicates.Threshold, $"similarity {s:0.00}");
    }

    [Fact]
    public void MinHash_estimates_the_exact_shingle_jaccard()
    {
        var exact = NearDuplicates.Jaccard(
            NearDuplicates.Shingles(ChineseSamples.Original),
            NearDuplicates.Shingles(ChineseSamples.Rephrased)
        );
        var estimate = NearDuplicates.Similarity(
            NearDuplicates.Signature(ChineseSamples.Original),
            NearDuplicates.Signature(ChineseSamples.Rephrased)
        );
        Assert.InRange(estimate, exact - 0.2, exact + 0.2);
    }

    [Fact]
    public void Punctuation_spacing_and_full_width_forms_do_not_matter()
    {
        Assert.Equal(
            NearDuplicates.Normalize("代表们建议加大投入ABC123"),
            NearDuplicates.Normalize(" 代表们，建议：加大 投入！ＡＢＣ１２３")
        );
        Assert.Equal(
            1.0,
            NearDuplicates.Similarity(
                NearDuplicates.Signature("代表们建议，加大财政投入。"),
                NearDuplicates.Signature("代表们建议加大财政投入")
            )
        );
    }

    [Fact]
    public void Signature_round_trips_through_bytes()
    {
        var sig = NearDuplicates.Signature(ChineseSamples.Original);
        Assert.Equal(sig, NearDuplicates.FromBytes(NearDuplicates.ToBytes(sig)));
        Assert.Equal(0, NearDuplicates.Similarity(NearDuplicates.Signature(""), sig));
    }

    [Fact]
    public void Ninety_days_spans_four_month_partitions_at_most()
    {
        var now = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(["2026-08", "2026-09", "2026-10", "2026-11"], NearDuplicates.Months(now, 90));
        // 16:30 UTC on 30 Nov is already 1 Dec in Shanghai.
        Assert.Equal(["2026-12"], NearDuplicates.Months(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero), 0));
    }
}

public class TextDiffTests
{
    [Fact]
    public void Chinese_edit_is_shown_character_by_character()
    {
        var d = TextDiff.Compute("代表们指出，成效明显。", "代表们认为，成效十分明显。");
        Assert.Equal(
            [
                new(DiffOp.Equal, "代表们"),
                new(DiffOp.Delete, "指出"),
                new(DiffOp.Insert, "认为"),
                new(DiffOp.Equal, "，成效"),
                new(DiffOp.Insert, "十分"),
                new(DiffOp.Equal, "明显。"),
            ],
            d
        );
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "新增全文")]
    [InlineData("删除全文", "")]
    [InlineData("abc", "abc")]
    [InlineData(ChineseSamples.Original, ChineseSamples.Rephrased)]
    public void Both_sides_rebuild_from_the_diff(string before, string after)
    {
        var d = TextDiff.Compute(before, after);
        Assert.Equal(before, TextDiff.Side(d, after: false));
        Assert.Equal(after, TextDiff.Side(d, after: true));
        Assert.DoesNotContain(d, s => s.Text.Length == 0);
    }
}

public class IntakeChecksTests
{
    private static readonly IntakeRules Rules = new(IntakeChecks.TitleMin, 60, CaptionsRequired: true);

    private static Report R(
        string title,
        string body,
        IReadOnlyList<Attachment>? attachments = null,
        IReadOnlyList<ReportAuthor>? authors = null
    ) =>
        new(
            "yq~00000000000000000000",
            "2026-0001",
            "yq",
            title,
            body,
            ReportCategory.DailyNews,
            authors ?? [new("p1", "杨帆", null, false)],
            null,
            Channel.Api,
            attachments ?? [],
            ReportStatus.Received,
            CharCounter.Count(body),
            "p1",
            DateTimeOffset.UnixEpoch
        );

    [Fact]
    public void A_well_formed_report_passes() =>
        Assert.Empty(IntakeChecks.Run(R("埇桥区人大代表视察农村饮水安全工程", ChineseSamples.Original), [], Rules));

    [Fact]
    public void Each_failure_is_a_concrete_fix()
    {
        var photo = new Attachment("现场.jpg", "image/jpeg", 100, AttachmentKind.Image);
        var fixes = IntakeChecks.Run(
            R("视察", "正文太短。", [photo], [new(null, " ", null, false)]),
            ["说明.docx"],
            Rules
        );
        Assert.Equal(5, fixes.Count);
        Assert.Contains(fixes, f => f.Contains("标题过短"));
        Assert.Contains(fixes, f => f.Contains("正文过短"));
        Assert.Contains(fixes, f => f.Contains("作者姓名"));
        Assert.Contains(fixes, f => f.Contains("图为"));
        Assert.Contains(fixes, f => f.Contains("说明.docx"));
    }

    [Fact]
    public void Images_pass_with_one_caption_each()
    {
        var images = new List<Attachment>
        {
            new("1.jpg", "image/jpeg", 1, AttachmentKind.Image),
            new("2.jpg", "image/jpeg", 1, AttachmentKind.Image),
        };
        var body = ChineseSamples.Original + "\n图为代表们察看水厂净水设施。";
        Assert.Single(IntakeChecks.Run(R("埇桥区人大代表视察农村饮水安全工程", body, images), [], Rules));
        Assert.Empty(
            IntakeChecks.Run(
                R("埇桥区人大代表视察农村饮水安全工程", body + "\n（图2）代表们听取汇报。", images),
                [],
                Rules
            )
        );
    }

    [Fact]
    public void Photos_need_no_caption_while_no_carrier_prints_photos()
    {
        var images = new List<Attachment> { new("1.jpg", "image/jpeg", 1, AttachmentKind.Image) };
        var rules = Rules with { CaptionsRequired = false };
        Assert.Empty(
            IntakeChecks.Run(R("埇桥区人大代表视察农村饮水安全工程", ChineseSamples.Original, images), [], rules)
        );
    }

    [Theory]
    [InlineData(40, 41, true)]
    [InlineData(60, 60, false)]
    [InlineData(60, 61, true)]
    public void The_title_limit_is_the_setting(int limit, int length, bool tooLong)
    {
        var fixes = IntakeChecks.Run(
            R(new string('长', length), ChineseSamples.Original),
            [],
            Rules with
            {
                TitleMax = limit,
            }
        );
        Assert.Equal(tooLong, fixes.Any(f => f.Contains($"标题过长（{length} 字），请压缩到 {limit} 字以内")));
    }
}
