using DocumentFormat.OpenXml.Wordprocessing;

namespace InfoFunctions.Dispatch;

/// <summary>The 通报 as a Word document (for the meeting) and as a workbook (the figures).</summary>
public static class BulletinDocuments
{
    public const string Issuer = "市人大常委会研究室";

    public static string TitleOf(Bulletin b) => $"关于{b.PeriodName}全市人大信息报送及采用情况的通报";

    /// <summary>The title on two lines, broken between its parts rather than inside a word.</summary>
    private static string TitleLines(Bulletin b) => $"关于{b.PeriodName}全市人大信息\n报送及采用情况的通报";

    public static string Change(int? rankChange) =>
        rankChange switch { null => "—", > 0 => $"上升{rankChange}", < 0 => $"下降{-rankChange}", _ => "持平" };

    private static string Delta(int n) => n > 0 ? "+" + n : n.ToString(CultureInfo.InvariantCulture);

    private static string Progress(int? target, decimal? progress) =>
        target is null ? "—" : $"{BulletinBuilder.Percent(progress)}（目标 {target}）";

    // Column widths in twips (scaled to the text width): sized for 简称 and four-character headers on one line.
    private static readonly int[] UnitColumns = [560, 2000, 560, 960, 960, 960, 760, 860, 960];
    private static readonly int[] TargetColumns = [2000, 1100, 1100, 2200, 2200];
    private static readonly int[] PeopleColumns = [600, 1700, 2000, 900, 1100, 1000];
    private static readonly HashSet<int> FirstColumn = [0], SecondColumn = [1], NameColumns = [1, 2];

    /// <summary>
    /// The 通报 for the meeting, on as few pages as reads well: units by their 简称 in tables sized to fit, the rank
    /// change beside the figures, and a second table only for the units with 约稿 or targets.
    /// </summary>
    public static byte[] Word(Bulletin b)
    {
        using var d = new Docx();
        d.Paragraph("人大信息工作通报", JustificationValues.Center, Docx.TitleFont, 52, bold: true, color: "C00000")
         .Paragraph(b.IssueName ?? b.Period, JustificationValues.Center, Docx.BodyFont, 28)
         .RedRule()
         .Title(TitleLines(b))
         .Paragraph($"（{BusinessTime.ChineseDate(b.FirstDay)}—{BusinessTime.ChineseDate(b.LastDay)}）",
             JustificationValues.Center)
         .Paragraph("各县区人大常委会，市人大常委会各委室，市中级人民法院、市人民检察院：", indent: false);
        foreach (var s in b.Summary) d.Paragraph(s);

        d.Heading("一、各单位信息报送及采用情况");
        d.Table(["排名", "单位", "报送", "省级采用", "市级采用", "采用篇数", "采用率", "积分", "名次变化"],
            b.Units.Select(u => Cells(u.Rank, ShortName(u), u.Submitted, u.AdoptionsProvincial, u.AdoptionsMunicipal,
                u.Adopted, BulletinBuilder.Percent(u.AdoptionRate), Amounts.Points(u.Points), Change(u.RankChange))),
            UnitColumns, SecondColumn);
        d.ColumnChart("各单位信息采用情况（篇次）", b.Units.Select(ShortName).ToList(),
            [
                ("省级载体", b.Units.Select(u => (decimal)u.AdoptionsProvincial).ToList()),
                ("市级载体", b.Units.Select(u => (decimal)u.AdoptionsMunicipal).ToList()),
            ],
            stacked: true, heightCm: 7.5);

        d.Heading("二、约稿和目标完成情况");
        var tasked = b.Units.Where(u => u.HasTopicsOrTargets).ToList();
        if (tasked.Count == 0) d.Paragraph("本期未向各单位下达约稿和报送目标。");
        else
            d.Table(["单位", "约稿完成", "约稿逾期", "报送目标进度", "采用目标进度"],
                tasked.Select(u => Cells(ShortName(u), u.TopicsFulfilled, u.TopicsOverdue,
                    Progress(u.TargetSubmissions, u.SubmissionProgress),
                    Progress(u.TargetAdoptions, u.AdoptionProgress))),
                TargetColumns, FirstColumn);

        // Categories, then the two groups the seed says rarely contribute, in one table: 占比 is of all submitted.
        d.Heading("三、信息类别及人大代表、机关报送情况");
        d.Table(["类别", "报送", "占报送总数", "采用"],
            b.Categories.Select(c => Cells(c.Name, c.Submitted, BulletinBuilder.Percent(c.Share), c.Adopted))
                .Concat(new[] { b.Deputies, b.GovernmentOffices }.Select(g => Cells(WithPeople(g),
                    g.Submitted, BulletinBuilder.Percent(g.ShareOfSubmitted), g.Adopted))),
            [3600, 1400, 1600, 1400], FirstColumn);

        // The leading units are named in the summary and head the first table.
        d.Heading("四、先进个人");
        if (b.TopPeople.Count == 0) d.Paragraph("本期无信息被采用的个人。");
        else
            d.Table(["排名", "姓名", "单位", "报送", "采用篇数", "积分"],
                b.TopPeople.Select(p => Cells(p.Rank, p.IsDeputy ? p.Name + "（代表）" : p.Name,
                    p.UnitShortName ?? p.UnitName, p.Submitted, p.Adopted, Amounts.Points(p.Points))),
                PeopleColumns, NameColumns);

        d.Paragraph(Issuer, JustificationValues.Right, keepNext: true, spaceBefore: 360)
         .Paragraph(BusinessTime.ChineseDate(BusinessTime.DayOf(b.GeneratedAt)), JustificationValues.Right);
        return d.ToArray();
    }

    private static string ShortName(UnitRow u) => u.UnitShortName ?? u.UnitName;

    /// <summary>"人大代表（7 人）", "机关（市人大常委会各委室，10 人）".</summary>
    private static string WithPeople(GroupContribution g) => g.Name.EndsWith('）')
        ? $"{g.Name[..^1]}，{g.Contributors} 人）" : $"{g.Name}（{g.Contributors} 人）";

    public static byte[] Excel(Bulletin b) => new Xlsx()
        .Sheet("单位情况",
            [
                "排名", "单位编码", "单位", "层级", "报送", "省级采用(篇次)", "市级采用(篇次)", "采用篇数", "采用率", "积分",
                "上期排名", "名次变化", "上期报送", "上期采用", "报送增减", "采用增减", "约稿完成", "约稿逾期",
                "报送目标", "采用目标", "报送目标进度", "采用目标进度", "简称",
            ],
            b.Units.Select(u => new object?[]
            {
                u.Rank, u.UnitId, u.UnitName, u.LevelName, u.Submitted, u.AdoptionsProvincial, u.AdoptionsMunicipal,
                u.Adopted, u.AdoptionRate, u.Points, u.PreviousRank, u.RankChange, u.PreviousSubmitted,
                u.PreviousAdopted, u.SubmittedChange, u.AdoptedChange, u.TopicsFulfilled, u.TopicsOverdue,
                u.TargetSubmissions, u.TargetAdoptions, u.SubmissionProgress, u.AdoptionProgress, u.UnitShortName,
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
            ["期间", b.PeriodName], ["期号", b.IssueName], ["报送", b.Totals.Submitted], ["采用篇数", b.Totals.Adopted],
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
