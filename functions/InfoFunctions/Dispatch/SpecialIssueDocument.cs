using DocumentFormat.OpenXml.Wordprocessing;

namespace InfoFunctions.Dispatch;

/// <summary>
/// The city's 《信息专刊》: masthead, issue number and date, a table of contents, then the reports one after another
/// (as a printed issue runs them, not one per page), each with its unit and authors.
/// </summary>
public static class SpecialIssueDocument
{
    public const string Masthead = "人大信息专刊";
    public const int MaxArticles = 30;
    private const StringSplitOptions Trimmed = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;

    public static byte[] Word(SpecialIssue issue)
    {
        using var d = new Docx();
        d.Paragraph(Masthead, JustificationValues.Center, Docx.TitleFont, 72, bold: true, color: "C00000")
         .Paragraph($"{issue.Year}年第{issue.IssueNumber}期（总第{issue.IssueNumber}期）", JustificationValues.Center,
             Docx.BodyFont, 32)
         .Paragraph($"{BulletinDocuments.Issuer}编                    {BusinessTime.ChineseDate(issue.Date)}",
             JustificationValues.Center, Docx.BodyFont, 28)
         .RedRule()
         .Paragraph("目　录", JustificationValues.Center, Docx.HeadingFont, 32, bold: true);
        for (var i = 0; i < issue.Articles.Count; i++)
            d.Paragraph($"{i + 1}. {issue.Articles[i].Title}（{issue.Articles[i].UnitName}）", indent: false);
        foreach (var a in issue.Articles)
        {
            d.Title(a.Title, 36, spaceBefore: 480)
             .Paragraph($"（{a.UnitName}　{a.Authors}）", JustificationValues.Center, Docx.BodyFont, 28, keepNext: true);
            foreach (var para in a.Body.Split('\n', Trimmed)) d.Paragraph(para);
        }
        d.RedRule()
         .Paragraph("报送：市人大常委会主任、副主任、秘书长", indent: false)
         .Paragraph($"编印：{BulletinDocuments.Issuer}", indent: false);
        return d.ToArray();
    }
}
