namespace InfoFunctions.Review;

/// <summary>What someone (or the intake queue) does to a report. The route segment is the camelCase name.</summary>
public enum ReviewAction
{
    /// <summary>Intake checks passed (queue only).</summary>
    PassChecks,
    /// <summary>Intake checks found fixes for the author (queue only).</summary>
    FailChecks,
    /// <summary>开始编辑.</summary>
    StartEdit,
    /// <summary>保存编辑稿 (a new version).</summary>
    SaveEdit,
    /// <summary>送审改.</summary>
    SubmitForReview,
    /// <summary>审改通过, to sign-off.</summary>
    Approve,
    /// <summary>签发.</summary>
    SignOff,
    /// <summary>报送 to one or more carriers.</summary>
    Forward,
    /// <summary>登记采用.</summary>
    Adopt,
    /// <summary>登记未采用.</summary>
    NotAdopted,
    /// <summary>更正采用登记 (reverse and replace).</summary>
    CorrectAdoption,
    /// <summary>退回修改.</summary>
    Return,
    /// <summary>作者修改后重报.</summary>
    Resubmit,
    /// <summary>作者撤回.</summary>
    Withdraw,
    /// <summary>不予采用.</summary>
    Reject,
}
