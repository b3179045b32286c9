namespace InfoFunctions.Rewards;

/// <summary>年底集中考核 rules: one person's result against their quota.</summary>
public static class AssessmentRules
{
    /// <summary>
    /// The task is the annual quota plus, for rotating staff (轮岗), the rotation quota; it is completed
    /// when the reports submitted in the year reach it. Completed → commended and eligible for 评先评优;
    /// not completed → not eligible.
    /// </summary>
    public static AssessmentRow Assess(int year, string personId, string name, string unitId, string? unitName,
        int annualQuota, int rotationQuota, int submitted, int adopted)
    {
        var quota = annualQuota + rotationQuota;
        var completed = submitted >= quota;
        return new AssessmentRow(year, personId, name, unitId, unitName, annualQuota, rotationQuota, quota, submitted,
            adopted, completed, completed,
            completed ? "完成全年报送任务，予以通报表扬，具备评先评优资格" : $"未完成全年报送任务（差 {quota - submitted} 篇），不具备评先评优资格");
    }
}
