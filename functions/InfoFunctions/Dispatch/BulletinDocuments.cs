using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using InfoFunctions.Platform;

namespace InfoFunctions.Dispatch;

/// <summary>The 通报 as a Word document (for the meeting) and as a workbook (the figures).</summary>
public static class BulletinDocuments
{
    public const string Issuer = "市人大常委会研究室";

    public static string TitleOf(Bulletin b) => $"关于{b.PeriodName}全市人大信息报送及采用情况的通报";

    public static string Change(int? rankChange) =>
        rankChange switch { null => "—", > 0 => $"上升{rankChange}", < 0 => $"下降{-rankChange}", _ => "持平" };

    private static string Delta(int n) => n > 0 ? "+" + n : n.ToString(CultureInfo.InvariantCulture);

    private static string Progress(int? target, decimal? progress) =>
        target is null ? "—" : $"{BulletinBuilder.Percent(progress)}（目标 {target}）";

    public static byte[] Word(Bulletin b)
    {
        using var d = new Docx();
        d.Paragraph("人大信息工作通报", JustificationValues.Center, Docx.TitleFont, 52, bold: true, color: "C00000")
         .Paragraph($"{b.Period}", JustificationValues.Center, Docx.BodyFont, 28)
         .RedRule()
         .Title(TitleOf(b))
         .Paragraph($"（{BusinessTime.ChineseDate(b.FirstDay)}—{BusinessTime.ChineseDate(b.LastDay)}）",
             JustificationValues.Center)
         .Paragraph("各县区人大常委会，市人大常委会各委室，市中级人民法院、市人民检察院：", indent: false);
        foreach (var s in b.Summary) d.Paragraph(s);

        d.Heading("一、各单位信息报送及采用情况");
        d.Table(["排名", "单位", "报送", "省级采用", "市级采用", "采用篇数", "采用率", "积分"],
            b.Units.Select(u => Cells(u.Rank, u.UnitName, u.Submitted, u.AdoptionsProvincial, u.AdoptionsMunicipal,
                u.Adopted, BulletinBuilder.Percent(u.AdoptionRate), Amounts.Points(u.Points))));
        d.ColumnChart("各单位信息采用情况（篇次）", b.Units.Select(u => u.UnitName).ToList(),
            [
                ("省级载体", b.Units.Select(u => (decimal)u.AdoptionsProvincial).ToList()),
                ("市级载体", b.Units.Select(u => (decimal)u.AdoptionsMunicipal).ToList()),
            ],
            stacked: true);

        d.Heading("二、与上期比较及约稿、目标完成情况");
        d.Table(["单位", "上期排名", "名次变化", "报送增减", "采用增减", "约稿完成", "约稿逾期", "报送目标进度", "采用目标进度"],
            b.Units.Select(u => Cells(u.UnitName, u.PreviousRank?.ToString() ?? "—", Change(u.RankChange),
                Delta(u.SubmittedChange), Delta(u.AdoptedChange), u.TopicsFulfilled, u.TopicsOverdue,
                Progress(u.TargetSubmissions, u.SubmissionProgress), Progress(u.TargetAdoptions, u.AdoptionProgress))));

        d.Heading("三、信息类别结构");
        d.Table(["类别", "报送", "占比", "采用"],
            b.Categories.Select(c => Cells(c.Name, c.Submitted, BulletinBuilder.Percent(c.Share), c.Adopted)));

        d.Heading("四、人大代表和机关信息报送情况");
        d.Table(["类别", "参与人数", "报送", "采用", "占报送总数"],
            new[] { b.Deputies, b.GovernmentOffices }.Select(g =>
                Cells(g.Name, g.Contributors, g.Submitted, g.Adopted, BulletinBuilder.Percent(g.ShareOfSubmitted))));

        d.Heading("五、先进单位和个人");
        d.Table(["排名", "单位", "报送", "采用篇数", "积分"],
            b.TopUnits.Select(u => Cells(u.Rank, u.UnitName, u.Submitted, u.Adopted, Amounts.Points(u.Points))));
        d.Table(["排名", "姓名", "单位", "报送", "采用篇数", "积分"],
            b.TopPeople.Select(p => Cells(p.Rank, p.IsDeputy ? p.Name + "（代表）" : p.Name, p.UnitName, p.Submitted,
                p.Adopted, Amounts.Points(p.Points))));

        d.Heading("六、未报送信息的单位");
        d.Paragraph(b.UnitsWithoutSubmissions.Count == 0 ? "无。" : string.Join("、", b.UnitsWithoutSubmissions) + "。");

        d.Paragraph(Issuer, JustificationValues.Right)
         .Paragraph(BusinessTime.ChineseDate(BusinessTime.DayOf(b.GeneratedAt)), JustificationValues.Right);
        return d.ToArray();
    }

    public static byte[] Excel(Bulletin b) => new Xlsx()
        .Sheet("单位情况",
            [
                "排名", "单位编码", "单位", "层级", "报送", "省级采用(篇次)", "市级采用(篇次)", "采用篇数", "采用率", "积分",
                "上期排名", "名次变化", "上期报送", "上期采用", "报送增减", "采用增减", "约稿完成", "约稿逾期",
                "报送目标", "采用目标", "报送目标进度", "采用目标进度",
            ],
            b.Units.Select(u => new object?[]
            {
                u.Rank, u.UnitId, u.UnitName, u.LevelName, u.Submitted, u.AdoptionsProvincial, u.AdoptionsMunicipal,
                u.Adopted, u.AdoptionRate, u.Points, u.PreviousRank, u.RankChange, u.PreviousSubmitted,
                u.PreviousAdopted, u.SubmittedChange, u.AdoptedChange, u.TopicsFulfilled, u.TopicsOverdue,
                u.TargetSubmissions, u.TargetAdoptions, u.SubmissionProgress, u.AdoptionProgress,
            }))
        .Sheet("类别结构", ["类别", "报送", "占比", "采用"],
            b.Categories.Select(c => new object?[] { c.Name, c.Submitted, c.Share, c.Adopted }))
        .Sheet("代表与机关", ["类别", "参与人数", "报送", "采用", "占报送总数"],
            new[] { b.Deputies, b.GovernmentOffices }.Select(g =>
                new object?[] { g.Name, g.Contributors, g.Submitted, g.Adopted, g.ShareOfSubmitted }))
        .Sheet("个人排名", ["排名", "人员编码", "姓名", "单位", "人大代表", "报送", "采用篇数", "积分"],
            b.TopPeople.Select(p => new object?[]
            {
                p.Rank, p.PersonId, p.Name, p.UnitName, p.IsDeputy ? "是" : "否", p.Submitted, p.Adopted, p.Points,
            }))
        .Sheet("汇总", ["项目", "数值"],
        [
            ["期间", b.PeriodName], ["报送", b.Totals.Submitted], ["采用篇数", b.Totals.Adopted],
            ["省级采用(篇次)", b.Totals.AdoptionsProvincial], ["市级采用(篇次)", b.Totals.AdoptionsMunicipal],
            ["采用率", b.Totals.AdoptionRate], ["积分", b.Totals.Points], ["上期报送", b.Totals.PreviousSubmitted],
            ["上期采用", b.Totals.PreviousAdopted], ["约稿完成", b.Totals.TopicsFulfilled],
            ["约稿逾期", b.Totals.TopicsOverdue], ["未报送单位", string.Join("、", b.UnitsWithoutSubmissions)],
        ])
        .ToArray();

    /// <summary>A table row: numbers as invariant text, text as it is.</summary>
    private static IReadOnlyList<string> Cells(params object[] values) =>
        values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();
}
