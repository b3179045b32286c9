using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// The review workflow in one table: state × action × role → next state or refusal. The queue acts
/// with the pseudo-role <see cref="System"/>. Everything else (storage, HTTP) asks here.
/// </summary>
public static class ReviewRules
{
    /// <summary>The intake queue's role; never held by a person.</summary>
    public const Role System = Role.System;
    /// <summary>Who the history names for the pipeline's own steps.</summary>
    public const string SystemActor = "system";

    private static readonly ReportStatus[] BeforeSignOff =
    [
        ReportStatus.Received, ReportStatus.ChecksFailed, ReportStatus.AwaitingEdit, ReportStatus.Editing,
        ReportStatus.AwaitingReview, ReportStatus.AwaitingSignOff, ReportStatus.Returned,
    ];

    private sealed record Rule(ReviewAction Action, ReportStatus From, ReportStatus To, Role Roles);

    // One row per allowed (action, from); roles are "any of".
    private static readonly Rule[] Table =
    [
        new(ReviewAction.PassChecks, ReportStatus.Received, ReportStatus.AwaitingEdit, System),
        new(ReviewAction.FailChecks, ReportStatus.Received, ReportStatus.ChecksFailed, System),
        new(ReviewAction.StartEdit, ReportStatus.AwaitingEdit, ReportStatus.Editing, Role.Editor),
        new(ReviewAction.SaveEdit, ReportStatus.Editing, ReportStatus.Editing, Role.Editor),
        new(ReviewAction.SubmitForReview, ReportStatus.Editing, ReportStatus.AwaitingReview, Role.Editor),
        new(ReviewAction.Approve, ReportStatus.AwaitingReview, ReportStatus.AwaitingSignOff, Role.Editor | Role.Signer),
        new(ReviewAction.SignOff, ReportStatus.AwaitingSignOff, ReportStatus.SignedOff, Role.Signer),
        new(ReviewAction.Forward, ReportStatus.SignedOff, ReportStatus.Forwarded, Role.Editor | Role.Signer),
        new(ReviewAction.Forward, ReportStatus.Forwarded, ReportStatus.Forwarded, Role.Editor | Role.Signer),
        new(ReviewAction.Forward, ReportStatus.Adopted, ReportStatus.Adopted, Role.Editor | Role.Signer),
        new(ReviewAction.Adopt, ReportStatus.Forwarded, ReportStatus.Adopted, Role.Editor),
        new(ReviewAction.Adopt, ReportStatus.Adopted, ReportStatus.Adopted, Role.Editor),
        new(ReviewAction.NotAdopted, ReportStatus.Forwarded, ReportStatus.Forwarded, Role.Editor),
        new(ReviewAction.NotAdopted, ReportStatus.Adopted, ReportStatus.Adopted, Role.Editor),
        new(ReviewAction.CorrectAdoption, ReportStatus.Adopted, ReportStatus.Adopted, Role.Editor),
        new(ReviewAction.Return, ReportStatus.Editing, ReportStatus.Returned, Role.Editor),
        new(ReviewAction.Return, ReportStatus.AwaitingReview, ReportStatus.Returned, Role.Editor | Role.Signer),
        new(ReviewAction.Return, ReportStatus.AwaitingSignOff, ReportStatus.Returned, Role.Signer),
        new(ReviewAction.Resubmit, ReportStatus.Returned, ReportStatus.AwaitingEdit, Role.Officer),
        new(ReviewAction.Resubmit, ReportStatus.ChecksFailed, ReportStatus.Received, Role.Officer),
        .. BeforeSignOff.Select(s => new Rule(ReviewAction.Withdraw, s, ReportStatus.Withdrawn, Role.Officer)),
        new(ReviewAction.Reject, ReportStatus.AwaitingEdit, ReportStatus.Rejected, Role.Editor),
        new(ReviewAction.Reject, ReportStatus.Editing, ReportStatus.Rejected, Role.Editor),
        new(ReviewAction.Reject, ReportStatus.AwaitingReview, ReportStatus.Rejected, Role.Editor | Role.Signer),
        new(ReviewAction.Reject, ReportStatus.AwaitingSignOff, ReportStatus.Rejected, Role.Signer),
    ];

    /// <summary>Actions that must carry a comment (退回意见, 不予采用理由, 更正原因).</summary>
    public static bool RequiresComment(ReviewAction a) =>
        a is ReviewAction.Return or ReviewAction.Reject or ReviewAction.CorrectAdoption;

    /// <summary>Actions of the author's side: the actor must belong to the report's unit.</summary>
    public static bool IsAuthorAction(ReviewAction a) => a is ReviewAction.Resubmit or ReviewAction.Withdraw;

    /// <summary>Actions only the editor the report is assigned to may take.</summary>
    public static bool IsAssignedEditorAction(ReviewAction a) =>
        a is ReviewAction.SaveEdit or ReviewAction.SubmitForReview;

    /// <summary>State × action × roles only.</summary>
    public static Decision Decide(ReportStatus state, ReviewAction action, Role roles)
    {
        var forAction = Table.Where(r => r.Action == action).ToList();
        var row = forAction.FirstOrDefault(r => r.From == state);
        if (row is null)
            return Decision.Refuse(state, Refusal.State, $"稿件当前状态为“{StatusName(state)}”，不能{ActionName(action)}。");
        if ((row.Roles & roles) == Role.None)
            return Decision.Refuse(state, Refusal.Role,
                $"{ActionName(action)}须由{Roles.ChineseName(row.Roles, "或")}办理。");
        return Decision.Allow(row.To);
    }

    /// <summary>The full check for a person: role and state, then unit, assignment and comment.</summary>
    public static Decision Decide(Report report, ReviewAction action, Principal who, string? comment)
    {
        var d = Decide(report.Status, action, who.Roles);
        if (!d.Allowed) return d;
        if (IsAuthorAction(action) && who.UnitId != report.UnitId)
            return Decision.Refuse(report.Status, Refusal.Unit, "只有本单位的信息员可以对该稿件办理此操作。");
        if (IsAssignedEditorAction(action) && report.EditorId is { } editor && editor != who.Id)
            return Decision.Refuse(report.Status, Refusal.NotAssigned, "该稿件由其他编辑负责编辑。");
        if (RequiresComment(action) && string.IsNullOrWhiteSpace(comment))
            return Decision.Refuse(report.Status, Refusal.CommentRequired, $"{ActionName(action)}须填写意见或理由。");
        return d;
    }

    /// <summary>
    /// Actions that make a person the report's editor or approver (who may then not sign it off, and with which
    /// co-authors of other units are confirmed).
    /// </summary>
    public static bool IsEditOrApprove(ReviewAction a) =>
        a is ReviewAction.StartEdit or ReviewAction.SaveEdit or ReviewAction.SubmitForReview or ReviewAction.Approve;

    /// <summary>
    /// Separation of duties: 签发 is refused to the report's editor and to whoever edited or approved it
    /// (<paramref name="history"/>); <c>Review__AllowSelfSignOff</c> lifts this.
    /// </summary>
    public static Decision SignOffBy(Report report, Principal who, IEnumerable<ReportEvent> history)
    {
        return report.EditorId == who.Id || history.Any(e => e.Who == who.Id
                && TryParseAction(e.What, out var done) && IsEditOrApprove(done))
            ? Decision.Refuse(report.Status, Refusal.SelfSignOff,
                "签发须由未参与编辑、审改的另一位签发人办理：您编辑或审改过这篇稿件，不能自行签发。")
            : Decision.Allow(ReportStatus.SignedOff);
    }

    public static IEnumerable<(ReviewAction Action, ReportStatus From, ReportStatus To, Role Roles)> Rows() =>
        Table.Select(r => (r.Action, r.From, r.To, r.Roles));

    public static bool TryParseAction(string? text, out ReviewAction action) =>
        Enum.TryParse(text, ignoreCase: true, out action) && Enum.IsDefined(action) && !int.TryParse(text, out _);

    public static string StatusName(ReportStatus s) => s switch
    {
        ReportStatus.Received => "已收稿",
        ReportStatus.ChecksFailed => "格式待修改",
        ReportStatus.AwaitingEdit => "待编辑",
        ReportStatus.Editing => "编辑中",
        ReportStatus.AwaitingReview => "待审改",
        ReportStatus.AwaitingSignOff => "待签发",
        ReportStatus.SignedOff => "已签发",
        ReportStatus.Returned => "退回修改",
        ReportStatus.Forwarded => "已报送",
        ReportStatus.Adopted => "已采用",
        ReportStatus.Rejected => "不予采用",
        ReportStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };

    public static string ActionName(ReviewAction a) => a switch
    {
        ReviewAction.PassChecks => "通过格式检查",
        ReviewAction.FailChecks => "退回格式修改",
        ReviewAction.StartEdit => "开始编辑",
        ReviewAction.SaveEdit => "保存编辑稿",
        ReviewAction.SubmitForReview => "送审改",
        ReviewAction.Approve => "审改通过",
        ReviewAction.SignOff => "签发",
        ReviewAction.Forward => "报送",
        ReviewAction.Adopt => "登记采用",
        ReviewAction.NotAdopted => "登记未采用",
        ReviewAction.CorrectAdoption => "更正采用登记",
        ReviewAction.Return => "退回修改",
        ReviewAction.Resubmit => "修改重报",
        ReviewAction.Withdraw => "撤回稿件",
        ReviewAction.Reject => "不予采用",
        _ => a.ToString(),
    };
}
