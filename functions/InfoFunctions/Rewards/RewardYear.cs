namespace InfoFunctions.Rewards;

/// <summary>The year of a 好信息评选 or 年底集中考核, as a route gives it.</summary>
public static class RewardYear
{
    public static readonly Problem Invalid = Problem.Invalid("invalid-year", "年度应为四位数字，例如 2026。");

    public static bool TryParse(string? text, out int year) => InputRules.TryParseYear(text, out year);
}
