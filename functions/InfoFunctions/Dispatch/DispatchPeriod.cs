using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace InfoFunctions.Dispatch;

/// <summary>
/// A two-month dispatch period in Asia/Shanghai: P1 = Jan–Feb, P2 = Mar–Apr, … P6 = Nov–Dec.
/// Written <c>2026-P3</c> (May–Jun 2026).
/// </summary>
public readonly partial record struct DispatchPeriod(int Year, int Index) : IComparable<DispatchPeriod>
{
    public int FirstMonth => Index * 2 - 1;
    public DateOnly FirstDay => new(Year, FirstMonth, 1);
    /// <summary>The first day after the period.</summary>
    public DateOnly EndDay => FirstDay.AddMonths(2);
    public DateOnly LastDay => EndDay.AddDays(-1);
    /// <summary>UTC instant the period starts (inclusive).</summary>
    public DateTimeOffset From => BusinessTime.StartOf(FirstDay);
    /// <summary>UTC instant the period ends (exclusive).</summary>
    public DateTimeOffset To => BusinessTime.StartOf(EndDay);

    public DispatchPeriod Previous => Index == 1 ? new(Year - 1, 6) : new(Year, Index - 1);
    public DispatchPeriod Next => Index == 6 ? new(Year + 1, 1) : new(Year, Index + 1);

    public string Id => $"{Year:D4}-P{Index}";
    /// <summary>"2026年5—6月".</summary>
    public string ChineseName => $"{Year}年{FirstMonth}—{FirstMonth + 1}月";

    /// <summary>"2026年第3期": the 通报's issue as the office writes it (the code <c>2026-P3</c> is for the API).</summary>
    public string IssueName => $"{Year}年第{Index}期";

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    public static DispatchPeriod Containing(DateTimeOffset instant) => Of(BusinessTime.DayOf(instant));

    public static DispatchPeriod Of(DateOnly day) => new(day.Year, (day.Month + 1) / 2);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DispatchPeriod? period)
    {
        period = null;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var index = m.Groups[2].Value[0] - '0';
        if (year is < 2000 or > 2099 || index is < 1 or > 6) return false;
        period = new DispatchPeriod(year, index);
        return true;
    }

    /// <summary>400 <c>invalid-period</c> for text <see cref="TryParse"/> refused.</summary>
    public static Problem Invalid(string? text) => Problem.Invalid("invalid-period",
        $"期间“{text}”无效，应为 2026-P3 这样的形式（P1 为 1—2 月，P6 为 11—12 月）。");

    public int CompareTo(DispatchPeriod other) => (Year, Index).CompareTo((other.Year, other.Index));

    public override string ToString() => Id;

    [GeneratedRegex(@"^(\d{4})-[Pp](\d)$")]
    private static partial Regex Pattern();
}
