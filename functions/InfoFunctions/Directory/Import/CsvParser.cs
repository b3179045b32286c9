using InfoFunctions.Platform;
using System.Text;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" for a quote inside quotes,
/// line breaks inside quotes kept. Accepts CRLF, LF or CR. Each record remembers the physical line it
/// starts on, so errors can point at the line the admin sees in a text editor.
/// </summary>
public static class CsvParser
{
    public static SheetReadResult Parse(string text)
    {
        var rows = new List<SheetRow>();
        var errors = new List<FieldError>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;

        void EndField()
        {
            cells.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            var row = new SheetRow(recordLine, cells.ToArray());
            if (!row.IsBlank) rows.Add(row);
            cells.Clear();
        }

        // Consumes one line break at i (CRLF, LF or CR); true if there was one.
        bool LineBreak()
        {
            if (i >= text.Length) return false;
            if (text[i] == '\r')
            {
                i += i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                return true;
            }
            if (text[i] == '\n')
            {
                i++;
                line++;
                return true;
            }
            return false;
        }

        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var quoteLine = line;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    if (text[i] is '\r' or '\n')
                    {
                        var start = i;
                        LineBreak();
                        field.Append(text, start, i - start);
                        continue;
                    }
                    field.Append(text[i++]);
                }
                if (!closed)
                {
                    errors.Add(FieldError.AtLine(quoteLine, null, "引号没有闭合：以双引号开头的字段缺少结尾的双引号。"));
                    return new SheetReadResult(rows, errors);
                }
                atFieldStart = false;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    errors.Add(FieldError.AtLine(line, null, "双引号字段结束后应紧跟逗号或换行；字段内的双引号须写成两个双引号（\"\"）。"));
                    // Skip to the end of this line and carry on, so every bad line is reported at once.
                    while (i < text.Length && text[i] is not ('\r' or '\n')) i++;
                    cells.Clear();
                    field.Clear();
                    LineBreak();
                    recordLine = line;
                    atFieldStart = true;
                }
                continue;
            }
            if (c == ',')
            {
                EndField();
                i++;
                atFieldStart = true;
                continue;
            }
            if (c is '\r' or '\n')
            {
                EndRecord();
                LineBreak();
                recordLine = line;
                atFieldStart = true;
                continue;
            }
            // A quote in the middle of an unquoted field is taken literally (lenient, as spreadsheet programs are).
            field.Append(c);
            atFieldStart = false;
            i++;
        }
        if (!atFieldStart || cells.Count > 0 || field.Length > 0) EndRecord();
        return new SheetReadResult(rows, errors);
    }
}
