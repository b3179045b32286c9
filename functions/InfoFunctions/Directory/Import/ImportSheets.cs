namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>The columns of the two import files and how a row becomes API input.</summary>
public static class ImportSheets
{
    public static readonly IReadOnlyList<ColumnSpec> UnitColumns =
    [
        new("id", "编码", true, "编码", "code", "单位编码", "id", "unitId"),
        new("name", "名称", true, "名称", "name", "单位名称"),
        new("level", "级别", true, "级别", "level", "层级"),
        new("parentId", "上级编码", false, "上级编码", "parent", "上级单位编码", "上级", "parentId", "parentCode"),
        new("shortName", "简称", false, "简称", "shortName", "单位简称", "short"),
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

    /// <summary>A file without a 简称 column leaves units' short names as they are.</summary>
    public static UnitInput ToUnitInput(ColumnMap map, SheetRow row) =>
        new(map.Get(row, "id"), map.Get(row, "name"), map.Get(row, "level"), map.Get(row, "parentId"), null,
            map.Has("shortName") ? map.Get(row, "shortName") : null);

    /// <summary>Cells that are not plain text in the API (yes/no, numbers) are parsed here.</summary>
    public static PersonInput ToPersonInput(ColumnMap map, SheetRow row, List<FieldError> errors)
    {
        bool? deputy = null;
        var deputyText = map.Get(row, "isDeputy");
        if (deputyText.Length > 0)
        {
            if (DirectoryRules.ParseYesNo(deputyText) is { } d) deputy = d;
            else errors.Add(new("isDeputy", $"“{deputyText}”无法识别，人大代表一栏应填 是 或 否。"));
        }
        int? quota = null;
        var quotaText = map.Get(row, "annualQuota");
        if (quotaText.Length > 0)
        {
            // Excel may store 12 as "12" or "12.0"; anything with a fraction is a mistake.
            if (decimal.TryParse(quotaText, NumberStyles.Number, CultureInfo.InvariantCulture, out var q)
                && q == decimal.Truncate(q) && q is >= int.MinValue and <= int.MaxValue)
                quota = (int)q;
            else errors.Add(new("annualQuota", $"年度任务“{quotaText}”应为整数。"));
        }
        var roles = map.Get(row, "roles");
        return new PersonInput(null, map.Get(row, "name"), map.Get(row, "email"), map.Get(row, "phone"),
            map.Get(row, "unitId"),
            roles.Length == 0 ? null : DirectoryRules.SplitRoles(roles), map.Get(row, "employment"), deputy, quota,
            null);
    }
}
