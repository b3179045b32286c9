using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using InfoFunctions.Dispatch;
using Xunit;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace InfoFunctions.Tests.Dispatch;

/// <summary>The hand-built period's Word and XLSX files, read back with the Open XML SDK.</summary>
public sealed class BulletinDocumentsTests
{
    public static IReadOnlyList<string[]> WordTable(WordprocessingDocument doc, int index) =>
        doc.MainDocumentPart!.Document.Body!.Elements<W.Table>()
            .ElementAt(index)
            .Elements<W.TableRow>()
            .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray())
            .ToList();

    public static Dictionary<string, string[]> SheetRows(SpreadsheetDocument x, string sheetName)
    {
        var wb = x.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        return part
            .Worksheet.GetFirstChild<S.SheetData>()!
            .Elements<S.Row>()
            .Skip(1)
            .Select(r =>
                r.Elements<S.Cell>()
                    .Select(c => c.DataType?.Value == S.CellValues.InlineString ? c.InnerText : c.CellValue?.Text ?? "")
                    .ToArray()
            )
            .ToDictionary(cells => cells[1]);
    }

    [Fact]
    public void Word_holds_the_figures_a_native_chart_and_valid_open_xml()
    {
        var b = BulletinBuilderTests.Build();
        using var doc = WordprocessingDocument.Open(new MemoryStream(BulletinDocuments.Word(b)), false);
        var validation = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(validation.Count == 0, string.Join("\n", validation));

        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("关于2026年5—6月全市人大信息报送及采用情况的通报", text);
        Assert.Contains("（2026年5月1日—2026年6月30日）", text);
        Assert.Contains("全市共报送信息 10 篇", text);

        var units = WordTable(doc, 0);
        Assert.Equal(
            ["排名", "单位", "报送", "省级采用", "市级采用", "采用篇数", "采用率", "积分", "名次变化"],
            units[0]
        );
        Assert.Equal(["1", "埇桥区人大常委会", "4", "1", "1", "2", "50%", "100", "上升2"], units[1]);
        Assert.Equal(["1", "砀山县人大常委会", "2", "0", "2", "2", "100%", "100", "上升2"], units[2]);
        Assert.Equal(["3", "财政经济委员会", "3", "1", "1", "1", "33.3%", "250", "下降2"], units[3]);
        Assert.Equal(["4", "市中级人民法院", "1", "0", "0", "0", "0%", "0", "下降1"], units[4]);
        Assert.Equal(["4", "朱仙庄镇人大", "0", "0", "0", "0", "—", "0", "下降2"], units[5]);

        // Only units with 约稿 (done or overdue) or targets; 砀山县's 约稿 is still open.
        var tasked = WordTable(doc, 1);
        Assert.Equal(["单位", "约稿完成", "约稿逾期", "报送目标进度", "采用目标进度"], tasked[0]);
        Assert.Equal(["埇桥区人大常委会", "1", "0", "50%（目标 8）", "50%（目标 4）"], tasked[1]);
        Assert.Equal(["财政经济委员会", "1", "1", "100%（目标 3）", "—（目标 0）"], tasked[2]);
        Assert.Equal(["朱仙庄镇人大", "0", "1", "0%（目标 2）", "0%（目标 1）"], tasked[3]);
        Assert.Equal(4, tasked.Count);

        // Categories and then the two groups, in one table.
        var categories = WordTable(doc, 2);
        Assert.Equal(["类别", "报送", "占报送总数", "采用"], categories[0]);
        Assert.Equal(["日常动态", "6", "60%", "1"], categories[1]);
        Assert.Equal(["人大代表（2 人）", "2", "20%", "2"], categories[^2]);
        Assert.Equal(["机关（市人大常委会各委室，3 人）", "3", "30%", "1"], categories[^1]);
        Assert.Contains("朱仙庄镇人大。", text);

        // The chart is a chart part whose labels are text (drawn by Word with its fonts), not a picture.
        Assert.Empty(doc.MainDocumentPart.ImageParts);
        var chart = doc.MainDocumentPart.ChartParts.Single().ChartSpace;
        var series = chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChartSeries>().ToList();
        Assert.Equal(2, series.Count);
        var labels = series[0]
            .Descendants<DocumentFormat.OpenXml.Drawing.Charts.StringPoint>()
            .Select(p => p.InnerText)
            .ToList();
        Assert.Equal(
            ["埇桥区人大常委会", "砀山县人大常委会", "财政经济委员会", "市中级人民法院", "朱仙庄镇人大"],
            labels
        );
        Assert.Equal(
            ["1", "0", "1", "0", "0"],
            series[0].Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => p.InnerText)
        );
        Assert.Equal(
            ["1", "2", "1", "0", "0"],
            series[1].Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => p.InnerText)
        );

        // Chinese runs name an East-Asian font.
        Assert.All(
            doc.MainDocumentPart.Document.Body.Descendants<W.Run>().Where(r => r.InnerText.Length > 0),
            r => Assert.False(string.IsNullOrEmpty(r.RunProperties?.RunFonts?.EastAsia?.Value))
        );
    }

    [Fact]
    public void Xlsx_holds_the_figures_and_is_valid_open_xml()
    {
        var b = BulletinBuilderTests.Build();
        using var x = SpreadsheetDocument.Open(new MemoryStream(BulletinDocuments.Excel(b)), false);
        var validation = new OpenXmlValidator().Validate(x).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(validation.Count == 0, string.Join("\n", validation));

        var units = SheetRows(x, "单位情况");
        // rank, id, name, level, submitted, prov, muni, adopted, rate, points, prevRank, change, prevSub,
        // prevAdopted, dSub, dAdopted, fulfilled, overdue, tSub, tAdopt, pSub, pAdopt, short name
        Assert.Equal(
            [
                "1", "yq", "埇桥区人大常委会", "县区", "4", "1", "1", "2", "0.5", "100", "3", "2", "1", "0", "3", "2", "1", "0",
                "8", "4", "0.5", "0.5", "埇桥区人大常委会",
            ],
            units["yq"]
        );
        Assert.Equal(
            [
                "3", "caijing", "财政经济委员会", "委室", "3", "1", "1", "1", "0.3333", "250", "1", "-2", "5", "2", "-2", "-1",
                "1", "1", "3", "0", "1", "", "财政经济委员会",
            ],
            units["caijing"]
        );
        Assert.Equal("4", units["zx"][0]);
        Assert.Equal("", units["zx"][8]); // no rate without submissions
        var people = SheetRows(x, "个人排名");
        Assert.Equal(["1", "p-b1", "赵强", "埇桥区人大常委会", "否", "4", "2", "100"], people["p-b1"]);
        Assert.Equal(["4", "d1", "王代表", "财政经济委员会", "是", "1", "1", "100"], people["d1"]);
    }
}
