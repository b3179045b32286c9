namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>Which column of the file holds which field, found from the header row.</summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, (int Index, string Header)> _fields;

    private ColumnMap(Dictionary<string, (int, string)> fields) => _fields = fields;

    public bool Has(string field) => _fields.ContainsKey(field);

    public string Get(SheetRow row, string field) => _fields.TryGetValue(field, out var c) ? row.Cell(c.Index) : "";

    /// <summary>The header as written in the file, so an error names the column the admin sees.</summary>
    public string HeaderOf(string field, IReadOnlyList<ColumnSpec> specs) =>
        _fields.TryGetValue(field, out var c) ? c.Header : specs.FirstOrDefault(s => s.Field == field)?.Label ?? field;

    /// <summary>
    /// Matches headers such as "编码", "code", "编码(code)" or "编码（code）" case-insensitively.
    /// Unknown columns (序号, 备注…) are ignored; missing required ones and duplicates are errors.
    /// </summary>
    public static ColumnMap FromHeader(SheetRow header, IReadOnlyList<ColumnSpec> specs, List<FieldError> errors)
    {
        var fields = new Dictionary<string, (int, string)>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var text = header.Cell(i);
            if (text.Length == 0) continue;
            var spec = specs.FirstOrDefault(s => Candidates(text).Any(c => s.Aliases.Any(a => Normalize(a) == c)));
            if (spec is null) continue;
            if (fields.ContainsKey(spec.Field))
                errors.Add(FieldError.AtLine(header.Line, text, $"“{spec.Label}”列出现了两次。"));
            else
                fields[spec.Field] = (i, text);
        }
        foreach (var spec in specs.Where(s => s.Required && !fields.ContainsKey(s.Field)))
            errors.Add(FieldError.AtLine(header.Line, spec.Label,
                $"缺少“{spec.Label}”列（表头可写：{string.Join("、", spec.Aliases.Take(3))}）。"));
        return new ColumnMap(fields);
    }

    private static IEnumerable<string> Candidates(string header)
    {
        var h = header.Replace('（', '(').Replace('）', ')').Trim();
        yield return Normalize(h);
        var open = h.IndexOf('(');
        if (open > 0)
        {
            yield return Normalize(h[..open]);
            var close = h.IndexOf(')', open);
            yield return Normalize(close > open ? h[(open + 1)..close] : h[(open + 1)..]);
        }
    }

    private static string Normalize(string s) =>
        s.Trim().Trim('\uFEFF', '*').ToLowerInvariant().Replace(" ", "").Replace("_", "").Replace("-", "");
}
