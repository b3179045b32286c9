namespace InfoFunctions.Rewards;

/// <summary>
/// The payout sheet (奖励发放表) of a settled period: persons (and units in the workbook) with
/// points, 元 and adopted reports, and a total row. XLSX with inline strings and numbers as numbers;
/// CSV as UTF-8 with BOM so Excel shows Chinese correctly.
/// </summary>
public static class PayoutSheets
{
    public const string CsvType = "text/csv; charset=utf-8";

    private static readonly string[] PersonHeader = ["序号", "人员编号", "姓名", "单位", "采用稿件（篇）", "积分", "奖励（元）", "其中跨期调整（元）"];
    private static readonly string[] UnitHeader = ["序号", "单位编号", "单位", "采用稿件（篇）", "积分", "奖励（元）"];

    public static byte[] Xlsx(HalfYear period, IReadOnlyList<Statement> persons, IReadOnlyList<Statement> units) =>
        new Platform.Xlsx()
            .Sheet("个人", PersonHeader,
                persons.Select((s, i) => new object?[]
                {
                    i + 1, s.PartyId, s.Name, s.UnitName ?? s.UnitId ?? "", s.AdoptedReports, s.Points, s.Yuan,
                        s.AdjustmentYuan,
                }),
                title: $"{period.DisplayName}信息奖励发放表（{period.RangeText}）",
                total: ["合计", "", "", "", persons.Sum(s => s.AdoptedReports), persons.Sum(s => s.Points),
                    persons.Sum(s => s.Yuan), persons.Sum(s => s.AdjustmentYuan)])
            .Sheet("单位", UnitHeader,
                units.Select((s, i) => new object?[] { i + 1, s.PartyId, s.Name, s.AdoptedReports, s.Points, s.Yuan }),
                title: $"{period.DisplayName}各单位信息采用积分（{period.RangeText}）",
                total: ["合计", "", "", units.Sum(s => s.AdoptedReports), units.Sum(s => s.Points),
                units.Sum(s => s.Yuan)])
            .ToArray();

    public static byte[] Csv(HalfYear period, IReadOnlyList<Statement> persons)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", PersonHeader)).Append("\r\n");
        var n = 0;
        foreach (var s in persons)
            sb.Append(string.Join(",",
                new[] { (++n).ToString(CultureInfo.InvariantCulture), s.PartyId, s.Name, s.UnitName ?? s.UnitId ?? "",
                s.AdoptedReports.ToString(CultureInfo.InvariantCulture), Amounts.Points(s.Points), Amounts.Yuan(s.Yuan),
                Amounts.Yuan(s.AdjustmentYuan) }.Select(Field))).Append("\r\n");
        sb.Append(string.Join(",",
            new[] { "合计", "", "", period.DisplayName,
            persons.Sum(s => s.AdoptedReports).ToString(CultureInfo.InvariantCulture),
            Amounts.Points(persons.Sum(s => s.Points)), Amounts.Yuan(persons.Sum(s => s.Yuan)),
            Amounts.Yuan(persons.Sum(s => s.AdjustmentYuan)) }.Select(Field))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }


    // Quote fields with separators, and defuse leading formula characters (CSV injection).
    private static string Field(string v)
    {
        if (v.Length > 0 && v[0] is '=' or '+' or '@' or '-'
            && !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _)) v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
