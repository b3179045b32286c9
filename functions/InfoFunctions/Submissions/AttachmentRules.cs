namespace InfoFunctions.Submissions;

/// <summary>
/// Who may add files to a report, and when: the officers of its unit while the text is theirs (before an editor
/// takes it up, or returned to them), and its assigned editor while editing. Everyone else only reads them.
/// </summary>
public static class AttachmentRules
{
    private static readonly ReportStatus[] AuthorStates =
        [ReportStatus.Received, ReportStatus.ChecksFailed, ReportStatus.AwaitingEdit, ReportStatus.Returned];

    /// <summary>Null when <paramref name="who"/> may add a file now; else 403 (not theirs) or 409 (not now).</summary>
    public static Problem? MayAdd(Report report, Principal who)
    {
        var author = who.IsInRole(Role.Officer) && who.UnitId == report.UnitId;
        var editor = who.IsInRole(Role.Editor) && report.EditorId == who.Id;
        if ((author && AuthorStates.Contains(report.Status)) || (editor && report.Status == ReportStatus.Editing))
            return null;
        return author || editor
            ? Problem.Conflict("attachments-closed",
                "稿件已不在可添加附件的阶段：本单位信息员可在编辑开始前或退回修改时添加，负责的编辑可在编辑中添加。")
            : new Problem(ProblemKind.Forbidden, "cannot-add-files",
                "只有本单位的信息员和负责该稿件的编辑可以为稿件添加附件。");
    }
}
