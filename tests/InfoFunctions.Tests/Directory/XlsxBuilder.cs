using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Xunit;

namespace InfoFunctions.Tests.DirectoryFeature;

/// <summary>Builds a real .xlsx with the OpenXml SDK, the way Excel stores cells.</summary>
public static class XlsxBuilder
{
    /// <summary>
    /// Rows start at sheet row 1 unless <paramref name="firstRow"/> says otherwise; a null row is left out
    /// (a gap in row numbers). Text goes to the shared string table, except cells prefixed "inline:";
    /// cells prefixed "num:" are numbers.
    /// </summary>
    public static byte[] Build(IReadOnlyList<string?[]?> rows, int firstRow = 1)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sstPart = wb.AddNewPart<SharedStringTablePart>();
            sstPart.SharedStringTable = new SharedStringTable();
            var sst = new List<string>();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r] is not { } cells)
                    continue;
                var rowIndex = (uint)(firstRow + r);
                var row = new Row { RowIndex = rowIndex };
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is not { } value)
                        continue; // missing cell, as Excel omits empty ones
                    var reference = $"{(char)('A' + c)}{rowIndex}";
                    if (value.StartsWith("inline:"))
                        row.Append(
                            new Cell(new InlineString(new Text(value["inline:".Length..])))
                            {
                                CellReference = reference,
                                DataType = CellValues.InlineString,
                            }
                        );
                    else if (value.StartsWith("num:"))
                        row.Append(
                            new Cell(new CellValue(value["num:".Length..]))
                            {
                                CellReference = reference,
                                DataType = CellValues.Number,
                            }
                        );
                    else
                    {
                        var i = sst.IndexOf(value);
                        if (i < 0)
                        {
                            sst.Add(value);
                            i = sst.Count - 1;
                        }
                        row.Append(
                            new Cell(new CellValue(i.ToString()))
                            {
                                CellReference = reference,
                                DataType = CellValues.SharedString,
                            }
                        );
                    }
                }
                data.Append(row);
            }
            foreach (var s in sst)
                sstPart.SharedStringTable.Append(new SharedStringItem(new Text(s)));
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(
                new Sheets(
                    new Sheet
                    {
                        Id = wb.GetIdOfPart(ws),
                        SheetId = 1,
                        Name = "人员",
                    }
                )
            );
        }
        return ms.ToArray();
    }
}
