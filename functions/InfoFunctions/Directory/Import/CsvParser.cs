using nietras.SeparatedValues;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// RFC 4180 CSV read with Sep: comma-separated, fields optionally in double quotes, "" for a quote inside
/// quotes, line breaks inside quotes kept; CRLF, LF or CR. Each record keeps the physical line it starts on,
/// so errors point at the line the admin sees in a text editor. Every bad line is reported at once, except
/// an unclosed quote, which swallows the rest of the file.
/// </summary>
public static class CsvParser
{
    private const string Unclosed = "引号没有闭合：以双引号开头的字段缺少结尾的双引号。";
    private const string TextAfterQuote = "双引号字段结束后应紧跟逗号或换行；字段内的双引号须写成两个双引号（\"\"）。";
    private const string StrayQuote = "字段中间的双引号使其后的逗号或换行失效；请将整个字段用双引号括起，字段内的双引号写成两个（\"\"）。";

    public static SheetReadResult Parse(string text)
    {
        var rows = new List<SheetRow>();
        var errors = new List<FieldError>();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true })
            .FromText(text.StartsWith('\uFEFF') ? text[1..] : text);
        foreach (var row in reader)
        {
            // Sep numbers lines from 1, but reports the first record as if it followed a header.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            var cells = new string[row.ColCount];
            string? problem = null;
            for (var i = 0; i < cells.Length && problem is null; i++)
            {
                var raw = row[i].Span;
                (cells[i], problem, var at) = Cell(raw);
                if (problem is not null) errors.Add(FieldError.AtLine(line + LineBreaks(raw[..at]), null, problem));
                line += LineBreaks(raw);
            }
            if (problem == Unclosed) break;
            if (problem is not null) continue;
            var record = new SheetRow(row.RowIndex == 0 ? 1 : row.LineNumberFrom, cells);
            if (!record.IsBlank) rows.Add(record);
        }
        return new SheetReadResult(rows, errors);
    }

    /// <summary>
    /// A field as written: a quoted one loses its quotes and "" becomes "; otherwise it is taken literally, as
    /// spreadsheet programs do. A problem comes with its offset in the field.
    /// </summary>
    private static (string Value, string? Problem, int At) Cell(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty || raw[0] != '"')
            // A quote inside an unquoted field made Sep read a comma or line break as part of it.
            return raw.IndexOf('"') is var q && q >= 0 && raw.IndexOfAny(",\r\n") >= 0
                ? ("", StrayQuote, q) : (raw.ToString(), null, 0);
        var value = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"') value.Append(raw[i]);
            else if (i + 1 < raw.Length && raw[i + 1] == '"') value.Append(raw[++i]);
            else return i == raw.Length - 1 ? (value.ToString(), null, 0) : ("", TextAfterQuote, i);
        }
        return ("", Unclosed, 0);
    }

    /// <summary>Line breaks in a field (CRLF counts once).</summary>
    private static int LineBreaks(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
            if (s[i] == '\n' || s[i] == '\r' && (i + 1 == s.Length || s[i + 1] != '\n')) n++;
        return n;
    }
}
