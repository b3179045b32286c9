namespace InfoFunctions.Submissions;

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
