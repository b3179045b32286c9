using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InfoFunctions.Platform;

/// <summary>
/// The app's XLSX writer (the 通报's figures, the payout sheet): named sheets of text and numbers, inline
/// strings, numbers stored as numbers, a bold header row, optionally a title row above it and a total row
/// below the data.
/// </summary>
public sealed class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly List<(string Name, string? Title, IReadOnlyList<string> Headers, List<object?[]> Rows)> _sheets =
    [];

    public Xlsx Sheet(
        string name,
        IReadOnlyList<string> headers,
        IEnumerable<object?[]> rows,
        string? title = null,
        object?[]? total = null
    )
    {
        var list = rows.ToList();
        if (total is not null)
            list.Add(total);
        _sheets.Add((name, title, headers, list));
        return this;
    }

    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            wb.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, title, headers, rows) in _sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint index = 1;
                if (title is not null)
                    data.Append(Row(index++, [title], bold: false));
                data.Append(Row(index++, [.. headers], bold: true));
                foreach (var row in rows)
                    data.Append(Row(index++, row, bold: false));
                part.Worksheet = new Worksheet(data);
                sheets.Append(
                    new Sheet
                    {
                        Id = wb.GetIdOfPart(part),
                        SheetId = id++,
                        Name = name,
                    }
                );
            }
        }
        return stream.ToArray();
    }

    /// <summary>宋体 11; style 1 is bold.</summary>
    private static Stylesheet Styles() =>
        new(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" })
            )
            {
                Count = 2,
            },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })
            )
            {
                Count = 2,
            },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 }
        );

    private static Row Row(uint index, object?[] values, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Length; c++)
        {
            var reference = Column(c) + index;
            var cell = values[c] switch
            {
                null => new Cell { CellReference = reference },
                int or long or decimal or double => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToDecimal(values[c], CultureInfo.InvariantCulture)),
                },
                var v => new Cell(
                    new InlineString(
                        new Text(InputRules.XmlSafe(v.ToString() ?? "")) { Space = SpaceProcessingModeValues.Preserve }
                    )
                )
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                },
            };
            if (bold)
                cell.StyleIndex = 1;
            row.Append(cell);
        }
        return row;
    }

    /// <summary>The column's letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Column(int index)
    {
        var s = "";
        for (index++; index > 0; index = (index - 1) / 26)
            s = (char)('A' + (index - 1) % 26) + s;
        return s;
    }
}
