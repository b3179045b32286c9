using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

public class ReviewRulesTests
{
    private static Role R(params Role[] roles) => roles.Aggregate(Role.None, (a, b) => a | b);

    // The whole expected table: (state, action, role) → next state. Every other combination is refused.
    public static readonly (ReportStatus From, ReviewAction Action, Role Role, ReportStatus To)[] Allowed =
    [
        (ReportStatus.Received, ReviewAction.PassChecks, ReviewRules.System, ReportStatus.AwaitingEdit),
        (ReportStatus.Received, ReviewAction.FailChecks, ReviewRules.System, ReportStatus.ChecksFailed),
        (ReportStatus.AwaitingEdit, ReviewAction.StartEdit, Role.Editor, ReportStatus.Editing),
        (ReportStatus.Editing, ReviewAction.SaveEdit, Role.Editor, ReportStatus.Editing),
        (ReportStatus.Editing, ReviewAction.SubmitForReview, Role.Editor, ReportStatus.AwaitingReview),
        (ReportStatus.AwaitingReview, ReviewAction.Approve, Role.Editor, ReportStatus.AwaitingSignOff),
        (ReportStatus.AwaitingReview, ReviewAction.Approve, Role.Signer, ReportStatus.AwaitingSignOff),
        (ReportStatus.AwaitingSignOff, ReviewAction.SignOff, Role.Signer, ReportStatus.SignedOff),
        (ReportStatus.SignedOff, ReviewAction.Forward, Role.Editor, ReportStatus.Forwarded),
        (ReportStatus.SignedOff, ReviewAction.Forward, Role.Signer, ReportStatus.Forwarded),
        (ReportStatus.Forwarded, ReviewAction.Forward, Role.Editor, ReportStatus.Forwarded),
        (ReportStatus.Forwarded, ReviewAction.Forward, Role.Signer, ReportStatus.Forwarded),
        (ReportStatus.Adopted, ReviewAction.Forward, Role.Editor, ReportStatus.Adopted),
        (ReportStatus.Adopted, ReviewAction.Forward, Role.Signer, ReportStatus.Adopted),
        (ReportStatus.Forwarded, ReviewAction.Adopt, Role.Editor, ReportStatus.Adopted),
        (ReportStatus.Adopted, ReviewAction.Adopt, Role.Editor, ReportStatus.Adopted),
        (ReportStatus.Forwarded, ReviewAction.NotAdopted, Role.Editor, ReportStatus.Forwarded),
        (ReportStatus.Adopted, ReviewAction.NotAdopted, Role.Editor, ReportStatus.Adopted),
        (ReportStatus.Adopted, ReviewAction.CorrectAdoption, Role.Editor, ReportStatus.Adopted),
        (ReportStatus.Editing, ReviewAction.Return, Role.Editor, ReportStatus.Returned),
        (ReportStatus.AwaitingReview, ReviewAction.Return, Role.Editor, ReportStatus.Returned),
        (ReportStatus.AwaitingReview, ReviewAction.Return, Role.Signer, ReportStatus.Returned),
        (ReportStatus.AwaitingSignOff, ReviewAction.Return, Role.Signer, ReportStatus.Returned),
        (ReportStatus.Returned, ReviewAction.Resubmit, Role.Officer, ReportStatus.AwaitingEdit),
        (ReportStatus.ChecksFailed, ReviewAction.Resubmit, Role.Officer, ReportStatus.Received),
        (ReportStatus.Received, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.ChecksFailed, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingEdit, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.Editing, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingReview, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingSignOff, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.Returned, ReviewAction.Withdraw, Role.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingEdit, ReviewAction.Reject, Role.Editor, ReportStatus.Rejected),
        (ReportStatus.Editing, ReviewAction.Reject, Role.Editor, ReportStatus.Rejected),
        (ReportStatus.AwaitingReview, ReviewAction.Reject, Role.Editor, ReportStatus.Rejected),
        (ReportStatus.AwaitingReview, ReviewAction.Reject, Role.Signer, ReportStatus.Rejected),
        (ReportStatus.AwaitingSignOff, ReviewAction.Reject, Role.Signer, ReportStatus.Rejected),
    ];

    public static IEnumerable<object[]> EveryCombination()
    {
        foreach (var s in Enum.GetValues<ReportStatus>())
            foreach (var a in Enum.GetValues<ReviewAction>())
                foreach (var r in new[] { ReviewRules.System, Role.Officer, Role.Editor, Role.Signer, Role.Leader,
                    Role.Admin })
                    yield return [s, a, r];
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_state_action_role_combination_matches_the_table(ReportStatus state, ReviewAction action,
        Role role)
    {
        var d = ReviewRules.Decide(state, action, R(role));
        var expected = Allowed.Where(x => x.From == state && x.Action == action && x.Role == role).ToList();
        if (expected.Count == 1)
        {
            Assert.True(d.Allowed, d.Reason);
            Assert.Equal(expected[0].To, d.Next);
        }
        else
        {
            Assert.False(d.Allowed);
            Assert.Equal(state, d.Next);
            Assert.False(string.IsNullOrWhiteSpace(d.Reason));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", d.Reason);
            // A state the action cannot leave from is 409 whoever asks; a wrong role in a right state is 403.
            var stateOk = Allowed.Any(x => x.From == state && x.Action == action);
            Assert.Equal(stateOk ? ProblemKind.Forbidden : ProblemKind.Conflict, d.Kind);
        }
    }

    [Fact]
    public void Terminal_states_allow_nothing()
    {
        foreach (var s in new[] { ReportStatus.Rejected, ReportStatus.Withdrawn })
            foreach (var a in Enum.GetValues<ReviewAction>())
                Assert.False(ReviewRules.Decide(s, a, R(Role.Officer, Role.Editor, Role.Signer, Role.Admin,
                    ReviewRules.System)).Allowed);
    }

    private static Report Report(ReportStatus s, string unit = "yq", string? editor = "ed-1") =>
        new("yq~00000000000000000000", "2026-0001", unit, "标题", "正文", ReportCategory.DailyNews,
            [new("p1", "作者", null, false)], null,
            Channel.Api, [], s, 2, "p1", DateTimeOffset.UnixEpoch, EditorId: editor);

    private static Principal P(string id, string? unit, params Role[] roles) => new(id, id, null, unit, R(roles));

    [Fact]
    public void Author_actions_need_the_reports_unit()
    {
        var d = ReviewRules.Decide(Report(ReportStatus.Returned), ReviewAction.Resubmit, P("x", "ds", Role.Officer),
            null);
        Assert.Equal(Refusal.Unit, d.Refusal);
        Assert.Equal(ProblemKind.Forbidden, d.Kind);
        Assert.True(ReviewRules.Decide(Report(ReportStatus.Returned), ReviewAction.Resubmit,
            P("x", "yq", Role.Officer), null).Allowed);
        Assert.Equal(Refusal.Unit, ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.Withdraw,
            P("x", "ds", Role.Officer), null).Refusal);
    }

    [Fact]
    public void Only_the_assigned_editor_edits_and_submits()
    {
        Assert.Equal(Refusal.NotAssigned, ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.SaveEdit,
            P("ed-2", "sz-yjs", Role.Editor), null).Refusal);
        Assert.Equal(Refusal.NotAssigned, ReviewRules.Decide(Report(ReportStatus.Editing),
            ReviewAction.SubmitForReview, P("ed-2", "sz-yjs", Role.Editor), null).Refusal);
        Assert.True(ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.SaveEdit,
            P("ed-1", "sz-yjs", Role.Editor), null).Allowed);
        // Starting to edit takes the report over, so any editor may.
        Assert.True(ReviewRules.Decide(Report(ReportStatus.AwaitingEdit), ReviewAction.StartEdit,
            P("ed-2", "sz-yjs", Role.Editor), null).Allowed);
    }

    [Theory]
    [InlineData(ReviewAction.Return, ReportStatus.Editing)]
    [InlineData(ReviewAction.Reject, ReportStatus.AwaitingEdit)]
    [InlineData(ReviewAction.CorrectAdoption, ReportStatus.Adopted)]
    public void Returns_rejections_and_corrections_need_a_comment(ReviewAction action, ReportStatus state)
    {
        var editor = P("ed-1", "sz-yjs", Role.Editor);
        var d = ReviewRules.Decide(Report(state), action, editor, "  ");
        Assert.Equal(Refusal.CommentRequired, d.Refusal);
        Assert.Equal(ProblemKind.Invalid, d.Kind);
        Assert.True(ReviewRules.Decide(Report(state), action, editor, "请补充数据来源。").Allowed);
    }

    [Theory]
    [InlineData("signOff", true)]
    [InlineData("SIGNOFF", true)]
    [InlineData("notAdopted", true)]
    [InlineData("3", false)]
    [InlineData("publish", false)]
    public void Action_names_parse_from_routes(string text, bool ok) =>
        Assert.Equal(ok, ReviewRules.TryParseAction(text, out _));
}
