namespace InfoFunctions.Dispatch;

/// <summary>轮岗 rules: a new window against the person's others, and days within a year.</summary>
public static class RotationRules
{
    /// <summary>
    /// Checks a new window against the person's other windows: order, no overlap, yearly allowance (1.5 months).
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(string personId, DateOnly from, DateOnly to,
        IEnumerable<RotationWindow> existing, int maxDaysPerYear)
    {
        var errors = new List<FieldError>();
        if (to < from) { errors.Add(new("to", "结束日期不能早于开始日期。")); return errors; }
        var mine = existing.Where(w => w.PersonId == personId).ToList();
        if (mine.FirstOrDefault(w => w.From <= to && from <= w.To) is { } clash)
            errors.Add(new("from",
                $"与该同志已有的轮岗时段（{BusinessTime.Format(clash.From)} 至 {BusinessTime.Format(clash.To)}）重叠。"));
        for (var year = from.Year; year <= to.Year; year++)
        {
            var used = mine.Sum(w => DaysIn(w.From, w.To, year)) + DaysIn(from, to, year);
            if (used > maxDaysPerYear)
                errors.Add(new("to", $"{year} 年轮岗合计 {used} 天，超过每年 {maxDaysPerYear} 天（一个半月）的安排。"));
        }
        return errors;
    }

    public static int DaysIn(DateOnly from, DateOnly to, int year)
    {
        var a = from.Year < year ? new DateOnly(year, 1, 1) : from;
        var b = to.Year > year ? new DateOnly(year, 12, 31) : to;
        return b < a ? 0 : b.DayNumber - a.DayNumber + 1;
    }
}
