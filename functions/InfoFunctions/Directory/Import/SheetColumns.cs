using InfoFunctions.Platform;
using System.Globalization;

namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>A column the importer understands: its field, Chinese label and accepted header spellings.</summary>
public sealed record ColumnSpec(string Field, string Label, bool Required, params string[] Aliases);

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

/// <summary>The columns of the two import files and how a row becomes API input.</summary>
public static class ImportSheets
{
    public static readonly IReadOnlyList<ColumnSpec> UnitColumns =
    [
        new("id", "编码", true, "编码", "code", "单位编码", "id", "unitId"),
        new("name", "名称", true, "名称", "name", "单位名称"),
        new("level", "级别", true, "级别", "level", "层级"),
        new("parentId", "上级编码", false, "上级编码", "parent", "上级单位编码", "上级", "parentId", "parentCode"),
    ];

    public static readonly IReadOnlyList<ColumnSpec> PersonColumns =
    [
        new("name", "姓名", true, "姓名", "name"),
        new("email", "邮箱", true, "邮箱", "email", "电子邮箱", "电子邮件", "e-mail"),
        new("phone", "电话", false, "电话", "phone", "手机", "联系电话"),
        new("unitId", "单位编码", true, "单位编码", "unit", "unitId", "单位"),
        new("roles", "角色", false, "角色", "roles"),
        new("employment", "专兼职", false, "专兼职", "employment", "专职兼职"),
        new("isDeputy", "人大代表", false, "人大代表", "deputy", "isDeputy", "是否人大代表"),
        new("annualQuota", "年度任务", false, "年度任务", "quota", "annualQuota", "年度任务数"),
    ];

    public static UnitInput ToUnitInput(ColumnMap map, SheetRow row) =>
        new(map.Get(row, "id"), map.Get(row, "name"), map.Get(row, "level"), map.Get(row, "parentId"), null);

    /// <summary>Cells that are not plain text in the API (yes/no, numbers) are parsed here.</summary>
    public static PersonInput ToPersonInput(ColumnMap map, SheetRow row, List<FieldError> errors)
    {
        bool? deputy = null;
        var deputyText = map.Get(row, "isDeputy");
        if (deputyText.Length > 0)
        {
            if (DirectoryRules.TryParseYesNo(deputyText, out var d)) deputy = d;
            else errors.Add(new("isDeputy", $"“{deputyText}”无法识别，人大代表一栏应填 是 或 否。"));
        }
        int? quota = null;
        var quotaText = map.Get(row, "annualQuota");
        if (quotaText.Length > 0)
        {
            // Excel may store 12 as "12" or "12.0"; anything with a fraction is a mistake.
            if (decimal.TryParse(quotaText, NumberStyles.Number, CultureInfo.InvariantCulture, out var q) && q == decimal.Truncate(q) && q is >= int.MinValue and <= int.MaxValue)
                quota = (int)q;
            else errors.Add(new("annualQuota", $"年度任务“{quotaText}”应为整数。"));
        }
        var roles = map.Get(row, "roles");
        return new PersonInput(null, map.Get(row, "name"), map.Get(row, "email"), map.Get(row, "phone"), map.Get(row, "unitId"),
            roles.Length == 0 ? null : DirectoryRules.SplitRoles(roles), map.Get(row, "employment"), deputy, quota, null);
    }
}
