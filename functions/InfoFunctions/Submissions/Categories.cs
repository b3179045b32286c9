namespace InfoFunctions.Submissions;

public static class Categories
{
    public static string ChineseName(ReportCategory c) => c switch
    {
        ReportCategory.DailyNews => "日常动态",
        ReportCategory.TypicalExperience => "典型经验",
        ReportCategory.ComprehensiveResearch => "综合调研",
        ReportCategory.Proposal => "建议",
        _ => "其他",
    };

    /// <summary>Accepts the API names (camelCase or not) and the Chinese names.</summary>
    public static ReportCategory? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        foreach (var c in Enum.GetValues<ReportCategory>())
            if (string.Equals(t, c.ToString(), StringComparison.OrdinalIgnoreCase) || t == ChineseName(c))
                return c;
        return t switch
        {
            "动态" or "日常信息" => ReportCategory.DailyNews,
            "经验" => ReportCategory.TypicalExperience,
            "调研" or "调研报告" => ReportCategory.ComprehensiveResearch,
            "意见建议" => ReportCategory.Proposal,
            _ => null,
        };
    }
}
