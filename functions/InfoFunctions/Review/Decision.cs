using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>The answer of <see cref="ReviewRules"/>: the next state, or a refusal with a Chinese reason.</summary>
public sealed record Decision(ReportStatus Next, Refusal Refusal, string? Reason)
{
    public bool Allowed => Refusal == Refusal.None;
    public static Decision Allow(ReportStatus next) => new(next, Refusal.None, null);
    public static Decision Refuse(ReportStatus current, Refusal why, string reason) => new(current, why, reason);

    /// <summary>What kind of problem a refusal is; null when allowed.</summary>
    public ProblemKind? Kind => Refusal switch
    {
        Refusal.None => null,
        Refusal.State => ProblemKind.Conflict,
        Refusal.CommentRequired => ProblemKind.Invalid,
        _ => ProblemKind.Forbidden,
    };

    public string Code => Refusal switch
    {
        Refusal.Role => "role-not-allowed",
        Refusal.Unit => "other-unit",
        Refusal.NotAssigned => "not-assigned-editor",
        Refusal.SelfSignOff => "self-sign-off",
        Refusal.State => "invalid-transition",
        Refusal.CommentRequired => "comment-required",
        _ => "ok",
    };

    /// <summary>The refusal as a problem; reading it from an allowed decision is a programming error.</summary>
    public Problem ToProblem() =>
        new(Kind ?? throw new InvalidOperationException("允许的操作没有问题可言。"), Code, Reason!);
}
