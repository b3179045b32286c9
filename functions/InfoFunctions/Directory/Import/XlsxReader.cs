using InfoFunctions.Platform;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// Reads the first worksheet of an .xlsx file as text cells: shared strings, inline strings,
/// numbers as stored, booleans as 是/否. Line numbers are the sheet's row numbers.
/// </summary>
public static class XlsxReader
{
    public const long MaxCharactersInPart = 64L * 1024 * 1024;

    public static SheetReadResult Read(Stream stream)
    {
        try
        {
            // A few MB of zip can inflate enormously; a directory list never needs more than this.
            using var document = SpreadsheetDocument.Open(stream, isEditable: false,
                new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } relId
                || workbook.GetPartById(relId) is not WorksheetPart part)
                return Fail("XLSX 文件中没有工作表。");

            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().ToList() ?? [];
            var rows = new List<SheetRow>();
            var previousRow = 0;
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var rowNumber = (int?)row.RowIndex?.Value ?? previousRow + 1;
                previousRow = rowNumber;
                var cells = new List<string>();
                var nextColumn = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : nextColumn;
                    while (cells.Count < column) cells.Add("");
                    var text = CellText(cell, shared);
                    if (column < cells.Count) cells[column] = text; else cells.Add(text);
                    nextColumn = column + 1;
                }
                var sheetRow = new SheetRow(rowNumber, cells);
                if (!sheetRow.IsBlank) rows.Add(sheetRow);
            }
            return new SheetReadResult(rows, []);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException
            or IOException or InvalidOperationException or System.Xml.XmlException)
        {
            return Fail("文件不是有效的 XLSX 工作簿（请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入）。");
        }
    }

    private static SheetReadResult Fail(string message) => new([], [FieldError.AtLine(0, null, message)]);

    /// <summary>"C12" → 2 (zero-based).</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') index = index * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') index = index * 26 + (ch - 'a' + 1);
            else break;
        }
        return Math.Max(0, index - 1);
    }

    private static string CellText(Cell cell, IReadOnlyList<SharedStringItem> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return cell.InlineString is { } inline ? StringItemText(inline) : "";
        var raw = cell.CellValue?.Text ?? "";
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0
                && i < shared.Count
                ? StringItemText(shared[i]) : "";
        if (type == CellValues.Boolean)
            return raw == "1" ? "是" : "否";
        // Numbers: Excel stores 12 as "12"; a quota typed as 12.0 stays parseable.
        return raw;
    }

    /// <summary>Plain text, or the runs of rich text; phonetic guides (rPh) are not part of the value.</summary>
    private static string StringItemText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } t) return t.Text;
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));
    }
}
