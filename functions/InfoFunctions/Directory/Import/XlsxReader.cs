using System.Text.RegularExpressions;
using System.Xml;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// Reads the first worksheet of an .xlsx file as text cells: shared strings, inline strings,
/// numbers as stored, booleans as 是/否. Line numbers are the sheet's row numbers. The XML is streamed within
/// <see cref="OfficeLimits.Sheet"/>: a workbook that inflates past them is <c>office-limit</c> (413).
/// </summary>
public static partial class XlsxReader
{
    private const string S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SharedStringsType =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

    public static Result<SheetReadResult> Read(Stream stream, OfficeLimits? limits = null)
    {
        var opened = OfficePackage.Open(stream, limits ?? OfficeLimits.Sheet, "XLSX");
        if (opened.Problem is { Code: "office-unreadable" }) return NotXlsx();
        if (!opened.IsOk) return opened.Problem!;
        using var package = opened.Value;
        var read = package.Extract(ReadSheet);
        return read.Problem is { Code: "office-unreadable" } ? NotXlsx() : read;
    }

    private static SheetReadResult NotXlsx() =>
        Fail("文件不是有效的 XLSX 工作簿（请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入）。");

    private static SheetReadResult Fail(string message) => new([], [FieldError.AtLine(0, null, message)]);

    private static Result<SheetReadResult> ReadSheet(OfficePackage package)
    {
        if (package.MainPart() is not { } workbook || FirstSheet(package, workbook) is not { } sheet)
            return Fail("XLSX 文件中没有工作表。");
        var budget = new Budget(package.Limits.MaxChars);
        var shared = new List<string>();
        if (package.Related(workbook, SharedStringsType, null) is { } sst)
        {
            using var xml = package.Read(sst);
            if (xml is not null && !Items(xml, "si", budget, shared.Add))
                return package.TooManyChars();
        }

        using var cells = package.Read(sheet);
        if (cells is null) return Fail("XLSX 文件中没有工作表。");
        var rows = new List<SheetRow>();
        List<string>? row = null;
        int rowNumber = 0, column = 0;
        string? type = null;
        while (cells.Read())
        {
            if (cells.NamespaceURI != S) continue;
            if (cells.NodeType == XmlNodeType.Element && cells.LocalName == "row")
            {
                rowNumber = int.TryParse(cells.GetAttribute("r"), CultureInfo.InvariantCulture, out var r)
                    ? r : rowNumber + 1;
                (row, column) = ([], 0);
                if (cells.IsEmptyElement) row = null;
            }
            else if (cells.NodeType == XmlNodeType.EndElement && cells.LocalName == "row" && row is not null)
            {
                var sheetRow = new SheetRow(rowNumber, row);
                if (!sheetRow.IsBlank) rows.Add(sheetRow);
                row = null;
            }
            else if (cells.NodeType == XmlNodeType.Element && cells.LocalName == "c" && row is not null)
            {
                column = cells.GetAttribute("r") is { } reference ? ColumnIndex(reference) : row.Count;
                type = cells.GetAttribute("t");
                if (!budget.Take(1) || column > MaxColumns) return package.TooManyChars();
                while (row.Count <= column) row.Add("");
            }
            else if (cells.NodeType == XmlNodeType.Element && row is not null
                && (cells.LocalName == "v" || (cells.LocalName == "is" && type == "inlineStr")))
            {
                var text = cells.LocalName == "v" ? Value(type, cells.ReadElementContentAsString(), shared)
                    : Inline(cells, budget);
                if (text is null || !budget.Take(text.Length)) return package.TooManyChars();
                row[column] = text;
            }
        }
        return new SheetReadResult(rows, []);
    }

    private const int MaxColumns = 1000;

    /// <summary>Characters a reader may still keep; every kept cell costs at least one.</summary>
    private sealed class Budget(int chars)
    {
        private int _left = chars;
        public bool Take(int n) => (_left -= Math.Max(1, n)) >= 0;
    }

    private static string? Value(string? type, string raw, IReadOnlyList<string> shared) => type switch
    {
        "s" => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0
            && i < shared.Count ? shared[i] : "",
        "b" => raw == "1" ? "是" : "否",
        // Numbers: Excel stores 12 as "12"; a quota typed as 12.0 stays parseable.
        _ => raw,
    };

    private static string? Inline(XmlReader cells, Budget budget)
    {
        string? text = null;
        using var item = cells.ReadSubtree();
        return Items(item, "is", budget, t => text = t) ? text ?? "" : null;
    }

    /// <summary>
    /// Each <paramref name="element"/> (a shared string <c>si</c>, an inline <c>is</c>) as plain text: its
    /// <c>t</c> runs, without phonetic guides (<c>rPh</c>). False when the budget runs out.
    /// </summary>
    private static bool Items(XmlReader xml, string element, Budget budget, Action<string> add)
    {
        var text = new StringBuilder();
        bool inItem = false, inText = false;
        var phonetic = 0;
        while (xml.Read())
        {
            if (xml.NamespaceURI is not (S or "")) continue;
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == element:
                    text.Clear();
                    inItem = !xml.IsEmptyElement;
                    if (!inItem && !Add()) return false;
                    break;
                case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement:
                    phonetic++;
                    break;
                case XmlNodeType.Element when xml.LocalName == "t":
                    inText = !xml.IsEmptyElement;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace
                    or XmlNodeType.Whitespace when inItem && inText && phonetic == 0:
                    text.Append(xml.Value);
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    phonetic--;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == element:
                    inItem = false;
                    if (!Add()) return false;
                    break;
            }
        }
        return true;

        bool Add()
        {
            if (!budget.Take(text.Length)) return false;
            add(Unescape(text.ToString()));
            return true;
        }
    }

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();

    /// <summary>
    /// Excel writes a character XML cannot hold (a control character) as <c>_xHHHH_</c> (ST_Xstring), and a
    /// literal <c>_x</c> as <c>_x005F_x</c>: read back, the cell says what was typed, and the import's text rule
    /// refuses what does not belong in a name.
    /// </summary>
    public static string Unescape(string text) => text.Contains("_x", StringComparison.Ordinal)
        ? Escaped().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())
        : text;

    /// <summary>The first <c>sheet</c> of the workbook, as a part name.</summary>
    private static string? FirstSheet(OfficePackage package, string workbook)
    {
        string? id;
        using (var xml = package.Read(workbook))
            id = xml is not null && xml.ReadToFollowing("sheet", S) ? xml.GetAttribute("id", R) : null;
        return id is null ? null : package.Related(workbook, null, id);
    }

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
}
