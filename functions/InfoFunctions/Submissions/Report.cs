namespace InfoFunctions.Submissions;

/// <summary>稿件类别. The seed wants more typical-experience and research reports, so the category is always recorded.</summary>
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

public enum Channel { Web, Api, Email }

/// <summary>
/// Where a report is in the workflow; intake only ever writes <see cref="Received"/>. Which action
/// may move a report from which state is decided in one place: <c>Review.ReviewRules</c>.
/// </summary>
public enum ReportStatus
{
    /// <summary>收稿: stored, waiting for the intake checks (queue).</summary>
    Received,
    /// <summary>格式检查未通过: the author has a list of fixes; not a rejection.</summary>
    ChecksFailed,
    /// <summary>待编辑: checks passed, assigned to an editor.</summary>
    AwaitingEdit,
    /// <summary>编辑中.</summary>
    Editing,
    /// <summary>待审改.</summary>
    AwaitingReview,
    /// <summary>待签发.</summary>
    AwaitingSignOff,
    /// <summary>已签发, not yet forwarded.</summary>
    SignedOff,
    /// <summary>退回修改: the author revises and resubmits under the same tracking number.</summary>
    Returned,
    /// <summary>已报送 to one or more carriers.</summary>
    Forwarded,
    /// <summary>已采用 by at least one carrier.</summary>
    Adopted,
    /// <summary>不予采用.</summary>
    Rejected,
    /// <summary>作者撤回.</summary>
    Withdrawn,
}

/// <summary>An author; shares (0–1) are optional and, when given, given for every author and summing to 1.</summary>
public sealed record ReportAuthor(string? PersonId, string Name, decimal? Share, bool IsDeputy);

public enum AttachmentKind { Image, Document, Text, Video }

/// <summary>A stored attachment: <paramref name="Name"/> is the cleaned display name and the blob's last segment.</summary>
public sealed record Attachment(string Name, string ContentType, long Size, AttachmentKind Kind);

/// <summary>
/// A submitted information report. <see cref="Id"/> is <c>&lt;unitId&gt;~&lt;key&gt;</c> so reading by id is a
/// point read in the unit's partition; <see cref="TrackingNumber"/> is the human number (<c>2026-0457</c>).
/// </summary>
public sealed record Report(
    string Id,
    string TrackingNumber,
    string UnitId,
    string Title,
    string Body,
    ReportCategory Category,
    IReadOnlyList<ReportAuthor> Authors,
    string? TopicId,
    Channel Channel,
    IReadOnlyList<Attachment> Attachments,
    ReportStatus Status,
    int CharCount,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? SourceMailId = null,
    string? EditorId = null,
    int Round = 1,
    string? IntakeNote = null);

/// <summary>One state change of a report (append-only); <paramref name="From"/>/<paramref name="To"/> are set for workflow transitions.</summary>
public sealed record ReportEvent(string ReportId, int Sequence, string What, string Who, DateTimeOffset At, string? Why, string? From = null, string? To = null);

/// <summary>The review pipeline's work item, sent once a report is stored.</summary>
public sealed record ReviewIntakeMessage(string ReportId, string TrackingNumber, string UnitId);

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
