using System.Security;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace InfoFunctions.Dispatch;

/// <summary>
/// A small Word writer for official documents (公文 style): 方正小标宋/宋体 titles, 仿宋 body, 黑体 headings.
/// East-Asian fonts are set on every run so Word renders Chinese with the reader's fonts; nothing is
/// rasterised, so the file needs no Chinese font where it is produced.
/// </summary>
public sealed class Docx : IDisposable
{
    public const string TitleFont = "宋体";
    public const string BodyFont = "仿宋";
    public const string HeadingFont = "黑体";

    private readonly MemoryStream _stream = new();
    private readonly WordprocessingDocument _doc;
    private readonly Body _body;
    private uint _drawingId = 1;
    private bool _closed;

    public Docx()
    {
        _doc = WordprocessingDocument.Create(_stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document);
        var main = _doc.AddMainDocumentPart();
        _body = new Body();
        main.Document = new Document(_body);
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts
                    {
                        Ascii = "Times New Roman",
                        HighAnsi = "Times New Roman",
                        EastAsia = BodyFont,
                        ComplexScript = "Times New Roman"
                    },
                    new FontSize { Val = "28" }, new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines
                {
                    After = "0",
                    Line = "288",
                    LineRule = LineSpacingRuleValues.Auto
                }))),
            HeadingStyle("Heading1", "heading 1", 1, "32"),
            HeadingStyle("Heading2", "heading 2", 2, "30"));
    }

    private static Style HeadingStyle(string id, string name, int level, string size) =>
        new(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "200", After = "80" },
                new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(new RunFonts { EastAsia = HeadingFont }, new Bold(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };

    public static Run TextRun(string text, string? eastAsiaFont = null, int? halfPoints = null, bool bold = false,
        string? color = null)
    {
        var props = new RunProperties();
        if (eastAsiaFont is not null) props.Append(new RunFonts
        {
            EastAsia = eastAsiaFont,
            Hint = FontTypeHintValues.EastAsia
        });
        if (bold) props.Append(new Bold());
        if (color is not null) props.Append(new Color { Val = color });
        if (halfPoints is { } hp) props.Append(new FontSize { Val = hp.ToString(CultureInfo.InvariantCulture) });
        props.Append(new Languages { EastAsia = "zh-CN" });
        // A '\n' is a line break within the paragraph (a title broken where it reads well).
        var run = new Run(props);
        foreach (var (line, i) in Platform.InputRules.XmlSafe(text).Split('\n').Select((l, i) => (l, i)))
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(line) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }

    /// <summary>
    /// A paragraph, first-line indented unless aligned; <paramref name="keepNext"/> keeps it on the page of the next
    /// (a title with its first lines); <paramref name="spaceBefore"/> in twips.
    /// </summary>
    public Docx Paragraph(string text, JustificationValues? align = null, string? font = null, int? halfPoints = null,
        bool bold = false, bool indent = true, string? color = null, bool keepNext = false, int spaceBefore = 0)
    {
        var pp = new ParagraphProperties();
        if (keepNext) pp.Append(new KeepNext());
        if (spaceBefore > 0)
            pp.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture) });
        if (align is { } a) pp.Append(new Justification { Val = a });
        else if (indent) pp.Append(new Indentation { FirstLineChars = 200, FirstLine = "560" }); // two characters
        _body.Append(new Paragraph(pp, TextRun(text, font ?? BodyFont, halfPoints, bold, color)));
        return this;
    }

    public Docx Title(string text, int halfPoints = 44, int spaceBefore = 0) =>
        Paragraph(text, JustificationValues.Center, TitleFont, halfPoints, bold: true, keepNext: true,
            spaceBefore: spaceBefore);

    public Docx Heading(string text, int level = 1)
    {
        _body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }),
            TextRun(text, HeadingFont)));
        return this;
    }

    /// <summary>A horizontal red rule, as under a 文件头 masthead.</summary>
    public Docx RedRule()
    {
        var rule = new BottomBorder { Val = BorderValues.Single, Size = 18, Color = "C00000", Space = 1 };
        _body.Append(new Paragraph(new ParagraphProperties(new ParagraphBorders(rule))));
        return this;
    }

    /// <summary>The width of the text on an A4 page with the 公文 margins of <see cref="ToArray"/>, in twips.</summary>
    public const int TextWidth = 11906 - 1588 - 1474;

    /// <summary>
    /// A table in 五号 (10.5 pt) type, single-spaced, with narrow cell margins. <paramref name="widths"/> gives each
    /// column's share of the text width (fixed layout, so a column sized for its longest entry keeps it on one line);
    /// without it the columns share the width evenly. <paramref name="leftColumns"/> are aligned left (names), the
    /// rest centred (figures).
    /// </summary>
    public Docx Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        IReadOnlyList<int>? widths = null, IReadOnlySet<int>? leftColumns = null)
    {
        var single = BorderValues.Single;
        var border = new TableBorders(
            new TopBorder { Val = single, Size = 4 }, new LeftBorder { Val = single, Size = 4 },
            new BottomBorder { Val = single, Size = 4 }, new RightBorder { Val = single, Size = 4 },
            new InsideHorizontalBorder { Val = single, Size = 4 }, new InsideVerticalBorder { Val = single, Size = 4 });
        var weights = widths ?? headers.Select(_ => 1).ToList();
        var twips = weights.Select(w => TextWidth * w / weights.Sum()).ToList();
        var table = new Table(new TableProperties(
            new TableWidth
            {
                Width = twips.Sum().ToString(CultureInfo.InvariantCulture),
                Type = TableWidthUnitValues.Dxa,
            },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            border, new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(twips.Select(w =>
            new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(headers, twips, header: true, leftColumns));
        foreach (var r in rows) table.Append(Row(r, twips, header: false, leftColumns));
        _body.Append(table);
        return this;
    }

    private static TableRow Row(IReadOnlyList<string> cells, IReadOnlyList<int> twips, bool header,
        IReadOnlySet<int>? leftColumns)
    {
        var row = new TableRow(new TableRowProperties(new CantSplit(),
            new TableRowHeight { Val = 300, HeightType = HeightRuleValues.AtLeast }));
        if (header) row.TableRowProperties!.Append(new TableHeader());
        for (var i = 0; i < cells.Count; i++)
        {
            var align = !header && leftColumns?.Contains(i) == true ? JustificationValues.Left
                : JustificationValues.Center;
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth
                    {
                        Width = twips[i].ToString(CultureInfo.InvariantCulture),
                        Type = TableWidthUnitValues.Dxa
                    },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                new Paragraph(new ParagraphProperties(new SpacingBetweenLines
                {
                    Line = "240",
                    LineRule = LineSpacingRuleValues.Auto
                }, new Justification { Val = align }),
                    TextRun(cells[i], header ? HeadingFont : BodyFont, 21, bold: header))));
        }
        return row;
    }

    /// <summary>
    /// A native Word column chart (a DrawingML chart part with literal values). Word draws the
    /// category labels as text with the document's fonts, so Chinese names need no font here.
    /// </summary>
    public Docx ColumnChart(string title, IReadOnlyList<string> categories,
        IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> series, bool stacked, double heightCm = 9)
    {
        var main = _doc.MainDocumentPart!;
        var part = main.AddNewPart<ChartPart>();
        using (var s = new MemoryStream(Encoding.UTF8.GetBytes(ChartXml(title, categories, series, stacked))))
            part.FeedData(s);
        var relId = main.GetIdOfPart(part);
        var id = _drawingId++;
        const long cx = 5760000; // 16 cm wide (EMU)
        var cy = (long)(heightCm * 360000);
        var drawing = new Drawing(
            $"""<w:drawing xmlns:w="{W}" xmlns:wp="{Wp}" xmlns:a="{A}" xmlns:c="{C}" xmlns:r="{R}">"""
            + $"""<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>"""
            + $"""<wp:docPr id="{id}" name="图表 {id}"/><a:graphic><a:graphicData uri="{C}">"""
            + $"""<c:chart r:id="{relId}"/></a:graphicData></a:graphic></wp:inline></w:drawing>""");
        _body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "120" },
            new Justification { Val = JustificationValues.Center }), new Run(drawing)));
        return this;
    }

    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string Wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    private const string A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private const string C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    private const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static string X(string s) => SecurityElement.Escape(s);

    private static string TextProps(int size) =>
        $"""<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"><a:latin typeface="Times New Roman"/>"""
        + $"""<a:ea typeface="{TitleFont}"/></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>""";

    private static string ChartXml(string title, IReadOnlyList<string> categories,
        IReadOnlyList<(string Name, IReadOnlyList<decimal> Values)> series, bool stacked)
    {
        var sb = new StringBuilder();
        sb.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""")
          .Append($"""<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}"><c:lang val="zh-CN"/><c:chart>""")
          .Append("""<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1">""")
          .Append($"""<a:ea typeface="{TitleFont}"/></a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" sz="1400" b="1">""")
          .Append($"""<a:ea typeface="{TitleFont}"/></a:rPr><a:t>{X(title)}</a:t></a:r></a:p></c:rich></c:tx>""")
          .Append("""<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>""")
          .Append("""<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/>""")
          .Append($"""<c:grouping val="{(stacked ? "stacked" : "clustered")}"/><c:varyColors val="0"/>""");
        string[] colors = ["C00000", "2F5597", "548235", "BF9000"];
        for (var i = 0; i < series.Count; i++)
        {
            sb.Append($"""<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:v>{X(series[i].Name)}</c:v></c:tx>""")
              .Append($"""<c:spPr><a:solidFill><a:srgbClr val="{colors[i % colors.Length]}"/></a:solidFill></c:spPr>""")
              .Append("""<c:invertIfNegative val="0"/>""")
              .Append($"""<c:cat><c:strLit><c:ptCount val="{categories.Count}"/>""");
            for (var k = 0; k < categories.Count; k++)
                sb.Append($"""<c:pt idx="{k}"><c:v>{X(categories[k])}</c:v></c:pt>""");
            sb.Append("""</c:strLit></c:cat><c:val><c:numLit><c:formatCode>General</c:formatCode>""")
              .Append($"""<c:ptCount val="{categories.Count}"/>""");
            for (var k = 0; k < categories.Count; k++)
            {
                var value = series[i].Values[k].ToString(CultureInfo.InvariantCulture);
                sb.Append($"""<c:pt idx="{k}"><c:v>{value}</c:v></c:pt>""");
            }
            sb.Append("</c:numLit></c:val></c:ser>");
        }
        sb.Append($"""<c:gapWidth val="80"/>{(stacked ? "<c:overlap val=\"100\"/>" : "")}""")
          .Append("""<c:axId val="50010"/><c:axId val="50020"/></c:barChart>""")
          .Append("""<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="minMax"/></c:scaling>""")
          .Append("""<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>""")
          .Append($"""<c:tickLblPos val="nextTo"/>{TextProps(900)}<c:crossAx val="50020"/>""")
          .Append("""<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>""")
          .Append("""<c:noMultiLvlLbl val="0"/></c:catAx>""")
          .Append("""<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/></c:scaling>""")
          .Append("""<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>""")
          .Append("""<c:numFmt formatCode="General" sourceLinked="0"/>""")
          .Append($"""<c:tickLblPos val="nextTo"/>{TextProps(900)}<c:crossAx val="50010"/>""")
          .Append("""<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>""")
          .Append($"""</c:plotArea><c:legend><c:legendPos val="t"/><c:overlay val="0"/>{TextProps(1000)}</c:legend>""")
          .Append("""<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>""");
        return sb.ToString();
    }

    /// <summary>Finishes the document (A4, 公文 margins) and returns its bytes.</summary>
    public byte[] ToArray()
    {
        _body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin
            {
                Top = 2098,
                Bottom = 1984,
                Left = 1588,
                Right = 1474,
                Header = 851,
                Footer = 992,
                Gutter = 0
            }));
        Close();
        return _stream.ToArray();
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        _doc.Dispose();
    }

    public void Dispose()
    {
        Close();
        _stream.Dispose();
    }
}
