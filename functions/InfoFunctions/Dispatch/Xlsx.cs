using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InfoFunctions.Dispatch;

/// <summary>A minimal XLSX writer: named sheets of text and numbers (inline strings, bold header row).</summary>
public sealed class Xlsx
{
    private readonly List<(string Name, IReadOnlyList<string> Headers, List<object?[]> Rows)> _sheets = [];

    public Xlsx Sheet(string name, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        _sheets.Add((name, headers, rows.ToList()));
        return this;
    }

    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                          new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" })) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
            var sheets = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, headers, rows) in _sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, headers.Cast<object?>().ToArray(), bold: true));
                for (var i = 0; i < rows.Count; i++) data.Append(Row((uint)i + 2, rows[i], bold: false));
                part.Worksheet = new Worksheet(data);
                sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, object?[] values, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Length; c++)
        {
            var reference = Column(c) + index;
            var cell = values[c] switch
            {
                null => new Cell { CellReference = reference },
                int or long or decimal or double => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDecimal(values[c])) },
                var v => new Cell(new InlineString(new Text(v.ToString() ?? ""))) { CellReference = reference, DataType = CellValues.InlineString },
            };
            if (bold) cell.StyleIndex = 1;
            row.Append(cell);
        }
        return row;
    }

    public static string Column(int index)
    {
        var s = "";
        for (index++; index > 0; index = (index - 1) / 26) s = (char)('A' + (index - 1) % 26) + s;
        return s;
    }
}
