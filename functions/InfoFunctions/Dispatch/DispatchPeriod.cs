using InfoFunctions.Platform;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace InfoFunctions.Dispatch;

/// <summary>Asia/Shanghai calendar helpers: business days and periods are CST, instants are UTC.</summary>
public static class Cst
{
    public static readonly TimeZoneInfo Zone = BusinessTime.Zone;

    public static DateTimeOffset ToCst(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToCst(instant).DateTime);

    /// <summary>The instant a CST day begins (00:00 in Shanghai).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ChineseDate(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}

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
    public DateTimeOffset From => Cst.StartOf(FirstDay);
    /// <summary>UTC instant the period ends (exclusive).</summary>
    public DateTimeOffset To => Cst.StartOf(EndDay);

    public DispatchPeriod Previous => Index == 1 ? new(Year - 1, 6) : new(Year, Index - 1);
    public DispatchPeriod Next => Index == 6 ? new(Year + 1, 1) : new(Year, Index + 1);

    public string Id => $"{Year:D4}-P{Index}";
    /// <summary>"2026年5—6月".</summary>
    public string ChineseName => $"{Year}年{FirstMonth}—{FirstMonth + 1}月";

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    public static DispatchPeriod Containing(DateTimeOffset instant) => Of(Cst.Today(instant));

    public static DispatchPeriod Of(DateOnly day) => new(day.Year, (day.Month + 1) / 2);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DispatchPeriod? period)
    {
        period = null;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var index = m.Groups[2].Value[0] - '0';
        if (year is < 2000 or > 2999 || index is < 1 or > 6) return false;
        period = new DispatchPeriod(year, index);
        return true;
    }

    public int CompareTo(DispatchPeriod other) => (Year, Index).CompareTo((other.Year, other.Index));

    public override string ToString() => Id;

    [GeneratedRegex(@"^(\d{4})-[Pp](\d)$")]
    private static partial Regex Pattern();
}
