namespace InfoFunctions.Notifications;

/// <summary>
/// Every notification template. Each name has three files under Notifications/Templates/:
/// <c>&lt;name&gt;.subject.txt</c>, <c>&lt;name&gt;.txt</c> (plain text) and <c>&lt;name&gt;.html</c>.
/// </summary>
public static class Templates
{
    public const string Receipt = "receipt";
    public const string IntakeChecksFailed = "intake-checks-failed";
    public const string ReturnedForRevision = "returned-for-revision";
    public const string ForwardedAfterSignOff = "forwarded-after-sign-off";
    public const string Adopted = "adopted";
    public const string TopicAssigned = "topic-assigned";
    public const string TopicReminder = "topic-reminder";
    public const string TopicOverdue = "topic-overdue";
    public const string HalfYearStatement = "half-year-statement";
    public const string YearEndAssessment = "year-end-assessment";
    public const string DispatchReportReady = "dispatch-report-ready";

    /// <summary>Mandatory notices cannot be opted out of: they ask for action or settle money and duty.</summary>
    public static readonly IReadOnlyList<TemplateInfo> All =
    [
        new(Receipt, "收稿回执", Mandatory: false),
        new(IntakeChecksFailed, "格式检查未通过", Mandatory: true),
        new(ReturnedForRevision, "退回修改", Mandatory: true),
        new(ForwardedAfterSignOff, "签发报送", Mandatory: false),
        new(Adopted, "采用通知", Mandatory: false),
        new(TopicAssigned, "约稿任务", Mandatory: true),
        new(TopicReminder, "约稿截止提醒", Mandatory: false),
        new(TopicOverdue, "约稿逾期", Mandatory: true),
        new(HalfYearStatement, "半年奖励结算单", Mandatory: true),
        new(YearEndAssessment, "年度考核结果", Mandatory: true),
        new(DispatchReportReady, "调度通报已生成", Mandatory: false),
    ];

    private static readonly Dictionary<string, TemplateInfo> ByName = All.ToDictionary(t => t.Name);

    public static TemplateInfo? Find(string? name) =>
        name is not null && ByName.TryGetValue(name, out var t) ? t : null;
    public static bool IsKnown(string? name) => Find(name) is not null;
}
