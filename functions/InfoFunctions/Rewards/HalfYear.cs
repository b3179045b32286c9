namespace InfoFunctions.Rewards;

/// <summary>
/// A settlement period: 1 Jan–30 Jun (H1) or 1 Jul–31 Dec (H2) of a year, in Asia/Shanghai. The key
/// ("2026H1") is the ledger partition and the settlement id.
/// </summary>
public readonly record struct HalfYear(int Year, int Half) : IComparable<HalfYear>
{
    public string Key => $"{Year}H{Half}";
    public override string ToString() => Key;

    /// <summary>"2026年上半年".</summary>
    public string DisplayName => $"{Year}年{(Half == 1 ? "上" : "下")}半年";

    /// <summary>"2026年1月1日至6月30日".</summary>
    public string RangeText => Half == 1 ? $"{Year}年1月1日至6月30日" : $"{Year}年7月1日至12月31日";

    public DateOnly FirstDay => new(Year, Half == 1 ? 1 : 7, 1);
    public DateOnly LastDay => Half == 1 ? new(Year, 6, 30) : new(Year, 12, 31);

    /// <summary>Beijing midnight at the start of the period, as a UTC instant.</summary>
    public DateTimeOffset StartUtc => BusinessTime.StartOf(FirstDay);
    /// <summary>Exclusive end: Beijing midnight at the start of the next period.</summary>
    public DateTimeOffset EndUtc => Next.StartUtc;

    public HalfYear Next => Half == 1 ? new(Year, 2) : new(Year + 1, 1);
    public HalfYear Previous => Half == 2 ? new(Year, 1) : new(Year - 1, 2);

    /// <summary>Closed once Beijing midnight after its last day has passed.</summary>
    public bool IsClosedAt(DateTimeOffset now) => now >= EndUtc;

    public bool Contains(DateTimeOffset instant) => Of(instant) == this;

    public static HalfYear Of(DateTimeOffset instant) => Of(BusinessTime.DayOf(instant));

    public static HalfYear Of(DateOnly beijingDate) => new(beijingDate.Year, beijingDate.Month <= 6 ? 1 : 2);

    public static bool TryParse(string? text, out HalfYear period)
    {
        period = default;
        if (text is not { Length: 6 } || char.ToUpperInvariant(text[4]) != 'H') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 2000 or > 2099) return false;
        if (text[5] is not ('1' or '2')) return false;
        period = new HalfYear(year, text[5] - '0');
        return true;
    }

    /// <summary>400 <c>invalid-period</c> for text <see cref="TryParse"/> refused.</summary>
    public static Problem Invalid(string? text) =>
        Problem.Invalid("invalid-period", $"半年度“{text}”无效，应为 2026H1（上半年）或 2026H2（下半年）。");

    public int CompareTo(HalfYear other) => (Year, Half).CompareTo((other.Year, other.Half));
    public static bool operator <(HalfYear a, HalfYear b) => a.CompareTo(b) < 0;
    public static bool operator >(HalfYear a, HalfYear b) => a.CompareTo(b) > 0;
    public static bool operator <=(HalfYear a, HalfYear b) => a.CompareTo(b) <= 0;
    public static bool operator >=(HalfYear a, HalfYear b) => a.CompareTo(b) >= 0;
}
