namespace InfoFunctions.Platform;

/// <summary>
/// Business periods, days and deadlines are Beijing time: Linux Flex Consumption ignores
/// WEBSITE_TIME_ZONE and timers run in UTC, so every feature converts through this zone.
/// Days are written <c>yyyy-MM-dd</c> on the wire and in storage, <c>2026年5月1日</c> for people.
/// </summary>
public static class BusinessTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant a Beijing calendar day begins, in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ChineseDate(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    /// <summary>A day written <c>yyyy-MM-dd</c> within <see cref="InputRules"/>' supported years (2000–2099).</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && InputRules.IsSupported(day);
}
