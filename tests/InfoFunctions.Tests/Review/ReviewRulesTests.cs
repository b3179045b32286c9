using InfoFunctions.Identity;
using InfoFunctions.Review;
using InfoFunctions.Submissions;
using Xunit;

namespace InfoFunctions.Tests.Review;

public class ReviewRulesTests
{
    private static IReadOnlySet<string> R(params string[] roles) => new HashSet<string>(roles);

    // The whole expected table: (state, action, role) → next state. Every other combination is refused.
    public static readonly (ReportStatus From, ReviewAction Action, string Role, ReportStatus To)[] Allowed =
    [
        (ReportStatus.Received, ReviewAction.PassChecks, ReviewRules.System, ReportStatus.AwaitingEdit),
        (ReportStatus.Received, ReviewAction.FailChecks, ReviewRules.System, ReportStatus.ChecksFailed),
        (ReportStatus.AwaitingEdit, ReviewAction.StartEdit, Roles.Editor, ReportStatus.Editing),
        (ReportStatus.Editing, ReviewAction.SaveEdit, Roles.Editor, ReportStatus.Editing),
        (ReportStatus.Editing, ReviewAction.SubmitForReview, Roles.Editor, ReportStatus.AwaitingReview),
        (ReportStatus.AwaitingReview, ReviewAction.Approve, Roles.Editor, ReportStatus.AwaitingSignOff),
        (ReportStatus.AwaitingReview, ReviewAction.Approve, Roles.Signer, ReportStatus.AwaitingSignOff),
        (ReportStatus.AwaitingSignOff, ReviewAction.SignOff, Roles.Signer, ReportStatus.SignedOff),
        (ReportStatus.SignedOff, ReviewAction.Forward, Roles.Editor, ReportStatus.Forwarded),
        (ReportStatus.SignedOff, ReviewAction.Forward, Roles.Signer, ReportStatus.Forwarded),
        (ReportStatus.Forwarded, ReviewAction.Forward, Roles.Editor, ReportStatus.Forwarded),
        (ReportStatus.Forwarded, ReviewAction.Forward, Roles.Signer, ReportStatus.Forwarded),
        (ReportStatus.Adopted, ReviewAction.Forward, Roles.Editor, ReportStatus.Adopted),
        (ReportStatus.Adopted, ReviewAction.Forward, Roles.Signer, ReportStatus.Adopted),
        (ReportStatus.Forwarded, ReviewAction.Adopt, Roles.Editor, ReportStatus.Adopted),
        (ReportStatus.Adopted, ReviewAction.Adopt, Roles.Editor, ReportStatus.Adopted),
        (ReportStatus.Forwarded, ReviewAction.NotAdopted, Roles.Editor, ReportStatus.Forwarded),
        (ReportStatus.Adopted, ReviewAction.NotAdopted, Roles.Editor, ReportStatus.Adopted),
        (ReportStatus.Adopted, ReviewAction.CorrectAdoption, Roles.Editor, ReportStatus.Adopted),
        (ReportStatus.Editing, ReviewAction.Return, Roles.Editor, ReportStatus.Returned),
        (ReportStatus.AwaitingReview, ReviewAction.Return, Roles.Editor, ReportStatus.Returned),
        (ReportStatus.AwaitingReview, ReviewAction.Return, Roles.Signer, ReportStatus.Returned),
        (ReportStatus.AwaitingSignOff, ReviewAction.Return, Roles.Signer, ReportStatus.Returned),
        (ReportStatus.Returned, ReviewAction.Resubmit, Roles.Officer, ReportStatus.AwaitingEdit),
        (ReportStatus.ChecksFailed, ReviewAction.Resubmit, Roles.Officer, ReportStatus.Received),
        (ReportStatus.Received, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.ChecksFailed, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingEdit, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.Editing, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingReview, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingSignOff, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.Returned, ReviewAction.Withdraw, Roles.Officer, ReportStatus.Withdrawn),
        (ReportStatus.AwaitingEdit, ReviewAction.Reject, Roles.Editor, ReportStatus.Rejected),
        (ReportStatus.Editing, ReviewAction.Reject, Roles.Editor, ReportStatus.Rejected),
        (ReportStatus.AwaitingReview, ReviewAction.Reject, Roles.Editor, ReportStatus.Rejected),
        (ReportStatus.AwaitingReview, ReviewAction.Reject, Roles.Signer, ReportStatus.Rejected),
        (ReportStatus.AwaitingSignOff, ReviewAction.Reject, Roles.Signer, ReportStatus.Rejected),
    ];

    public static IEnumerable<object[]> EveryCombination()
    {
        foreach (var s in Enum.GetValues<ReportStatus>())
            foreach (var a in Enum.GetValues<ReviewAction>())
                foreach (var r in new[] { ReviewRules.System, Roles.Officer, Roles.Editor, Roles.Signer, Roles.Leader, Roles.Admin })
                    yield return [s, a, r];
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_state_action_role_combination_matches_the_table(ReportStatus state, ReviewAction action, string role)
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
            Assert.Equal(stateOk ? 403 : 409, d.HttpStatus);
        }
    }

    [Fact]
    public void Terminal_states_allow_nothing()
    {
        foreach (var s in new[] { ReportStatus.Rejected, ReportStatus.Withdrawn })
            foreach (var a in Enum.GetValues<ReviewAction>())
                Assert.False(ReviewRules.Decide(s, a, R(Roles.Officer, Roles.Editor, Roles.Signer, Roles.Admin, ReviewRules.System)).Allowed);
    }

    private static Report Report(ReportStatus s, string unit = "yq", string? editor = "ed-1") =>
        new("yq~00000000000000000000", "2026-0001", unit, "标题", "正文", ReportCategory.DailyNews, [new("p1", "作者", null, false)], null,
            Channel.Api, [], s, 2, "p1", DateTimeOffset.UnixEpoch, EditorId: editor);

    private static Principal P(string id, string? unit, params string[] roles) => new(id, id, null, unit, new HashSet<string>(roles));

    [Fact]
    public void Author_actions_need_the_reports_unit()
    {
        var d = ReviewRules.Decide(Report(ReportStatus.Returned), ReviewAction.Resubmit, P("x", "ds", Roles.Officer), null);
        Assert.Equal(Refusal.Unit, d.Refusal);
        Assert.Equal(403, d.HttpStatus);
        Assert.True(ReviewRules.Decide(Report(ReportStatus.Returned), ReviewAction.Resubmit, P("x", "yq", Roles.Officer), null).Allowed);
        Assert.Equal(Refusal.Unit, ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.Withdraw, P("x", "ds", Roles.Officer), null).Refusal);
    }

    [Fact]
    public void Only_the_assigned_editor_edits_and_submits()
    {
        Assert.Equal(Refusal.NotAssigned, ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.SaveEdit, P("ed-2", "sz-yjs", Roles.Editor), null).Refusal);
        Assert.Equal(Refusal.NotAssigned, ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.SubmitForReview, P("ed-2", "sz-yjs", Roles.Editor), null).Refusal);
        Assert.True(ReviewRules.Decide(Report(ReportStatus.Editing), ReviewAction.SaveEdit, P("ed-1", "sz-yjs", Roles.Editor), null).Allowed);
        // Starting to edit takes the report over, so any editor may.
        Assert.True(ReviewRules.Decide(Report(ReportStatus.AwaitingEdit), ReviewAction.StartEdit, P("ed-2", "sz-yjs", Roles.Editor), null).Allowed);
    }

    [Theory]
    [InlineData(ReviewAction.Return, ReportStatus.Editing)]
    [InlineData(ReviewAction.Reject, ReportStatus.AwaitingEdit)]
    [InlineData(ReviewAction.CorrectAdoption, ReportStatus.Adopted)]
    public void Returns_rejections_and_corrections_need_a_comment(ReviewAction action, ReportStatus state)
    {
        var editor = P("ed-1", "sz-yjs", Roles.Editor);
        var d = ReviewRules.Decide(Report(state), action, editor, "  ");
        Assert.Equal(Refusal.CommentRequired, d.Refusal);
        Assert.Equal(400, d.HttpStatus);
        Assert.True(ReviewRules.Decide(Report(state), action, editor, "请补充数据来源。").Allowed);
    }

    [Theory]
    [InlineData("signOff", true)]
    [InlineData("SIGNOFF", true)]
    [InlineData("notAdopted", true)]
    [InlineData("3", false)]
    [InlineData("publish", false)]
    public void Action_names_parse_from_routes(string text, bool ok) => Assert.Equal(ok, ReviewRules.TryParseAction(text, out _));
}
