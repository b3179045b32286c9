using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using Xunit;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>
/// The demo network's 通报 as a leader reads it: the period as the office writes it, units by their 简称 in tables
/// whose columns fit the text width, the second table only for units with 约稿 or targets; and the 《信息专刊》
/// running its articles one after another. Writes the files to <c>TestResults/bulletin</c> for rendering.
/// </summary>
public sealed class DemoBulletinTests
{
    public static string OutputDir { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "bulletin");

    private static WordprocessingDocument Open(byte[] bytes) =>
        WordprocessingDocument.Open(new MemoryStream(bytes), false);

    [Fact]
    public void Every_demo_unit_has_a_short_name_that_fits_a_table_column()
    {
        Assert.All(DemoData.Units, u => Assert.InRange(u.ShortName!.Length, 2, DirectoryRules.MaxShortName));
        Assert.Equal(DemoData.Units.Count, DemoData.Units.Select(u => u.ShortName).Distinct().Count());
    }

    [Fact]
    public void The_demo_bulletin_names_the_issue_prints_short_names_and_lists_only_tasked_units_again()
    {
        var b = DemoBulletin.Build();
        var bytes = BulletinDocuments.Word(b);
        Directory.CreateDirectory(OutputDir);
        File.WriteAllBytes(Path.Combine(OutputDir, "bulletin-2026-P6.docx"), bytes);
        using var doc = Open(bytes);
        var validation = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(validation.Count == 0, string.Join("\n", validation));

        var body = doc.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("2026年第6期", paragraphs[1]);
        Assert.DoesNotContain("2026-P6", body.InnerText);

        // Table 1: every unit once, by its 简称, with the rank change beside the figures.
        var units = BulletinDocumentsTests.WordTable(doc, 0);
        Assert.Equal(["排名", "单位", "报送", "省级采用", "市级采用", "采用篇数", "采用率", "积分", "名次变化"], units[0]);
        var shortNames = DemoData.Units.Select(u => u.ShortName).ToHashSet();
        Assert.Equal(23, units.Count - 1);
        Assert.All(units.Skip(1), row => Assert.Contains(row[1], shortNames));

        // Columns are fixed and add up to the text width; the unit column holds the longest 简称 on one line
        // (10.5 pt characters are 210 twips, plus the cell margins).
        var grid = body.Elements<W.Table>().First().GetFirstChild<W.TableGrid>()!.Elements<W.GridColumn>()
            .Select(c => int.Parse(c.Width!.Value!)).ToList();
        Assert.InRange(grid.Sum(), Docx.TextWidth - 20, Docx.TextWidth);
        Assert.True(grid[1] >= DemoData.Units.Max(u => u.ShortName!.Length) * 210 + 114, $"unit column {grid[1]}");
        Assert.True(grid[3] >= 4 * 210 + 114, $"four-character header column {grid[3]}");

        // Table 2 lists only the units with 约稿 or targets, not all 23 again.
        var tasked = BulletinDocumentsTests.WordTable(doc, 1);
        Assert.Equal(["单位", "约稿完成", "约稿逾期", "报送目标进度", "采用目标进度"], tasked[0]);
        // The five counties have targets, 法工委 and 财经工委 had 约稿 done or overdue; an open 约稿 is not listed.
        Assert.Equal(new[] { "埇桥区", "砀山县", "萧县", "灵璧县", "泗县", "法工委", "财经工委" }.Order(),
            tasked.Skip(1).Select(r => r[0]).Order());

        // The people table names units by 简称 too; the chart's labels are the 简称.
        var people = BulletinDocumentsTests.WordTable(doc, 3);
        Assert.All(people.Skip(1), row => Assert.Contains(row[2], shortNames));
        var labels = doc.MainDocumentPart.ChartParts.Single().ChartSpace
            .Descendants<DocumentFormat.OpenXml.Drawing.Charts.StringPoint>().Select(p => p.InnerText).Distinct();
        Assert.All(labels, l => Assert.Contains(l, shortNames));

        File.WriteAllBytes(Path.Combine(OutputDir, "bulletin-2026-P6.xlsx"), BulletinDocuments.Excel(b));
    }

    [Fact]
    public void The_special_issue_runs_its_articles_one_after_another()
    {
        var articles = Enumerable.Range(1, 4).Select(i => new SpecialIssueArticle($"yq~r{i}", $"2026-000{i}",
            $"第{i}篇信息的标题", "埇桥区人大常委会", "杨帆", string.Join("\n", Enumerable.Repeat("正文段落。", 3)))).ToList();
        var issue = new SpecialIssue(2026, 6, new DateOnly(2026, 12, 20), articles, "demo-lin-xiaowen",
            DemoBulletin.GeneratedAt);
        var bytes = SpecialIssueDocument.Word(issue);
        Directory.CreateDirectory(OutputDir);
        File.WriteAllBytes(Path.Combine(OutputDir, "special-issue-2026-006.docx"), bytes);
        using var doc = Open(bytes);
        var body = doc.MainDocumentPart!.Document.Body!;
        Assert.DoesNotContain(body.Descendants<W.Break>(), br => br.Type?.Value == W.BreakValues.Page);
        Assert.Empty(body.Descendants<W.PageBreakBefore>());
        // Each title stays with the lines after it, and is set off by space before it.
        var titles = body.Elements<W.Paragraph>().Where(p => p.InnerText.StartsWith('第') && p.InnerText.EndsWith("标题"))
            .ToList();
        Assert.Equal(4, titles.Count);
        Assert.All(titles, t =>
        {
            Assert.NotNull(t.ParagraphProperties?.KeepNext);
            Assert.Equal("480", t.ParagraphProperties!.SpacingBetweenLines!.Before!.Value);
        });
    }
}
