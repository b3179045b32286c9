namespace InfoFunctions.Submissions;

/// <summary>
/// 稿件类别. The seed wants more typical-experience and research reports, so the category is always recorded.
/// </summary>
public enum ReportCategory
{
    /// <summary>日常动态.</summary>
    DailyNews,
    /// <summary>典型经验.</summary>
    TypicalExperience,
    /// <summary>综合调研.</summary>
    ComprehensiveResearch,
    /// <summary>建议.</summary>
    Proposal,
    /// <summary>其他.</summary>
    Other,
}
