namespace InfoFunctions.Platform;

/// <summary>
/// The one way points and money are written in text people read (reasons, statements, emails, sheets, the 通报):
/// points with up to two decimals and no trailing zeros (<c>5</c>, <c>2.5</c>, <c>13.34</c>), 元 with two
/// (<c>50.00</c>). JSON carries both as plain numbers without trailing zeros (<see cref="CanonicalDecimalConverter"/>).
/// </summary>
public static class Amounts
{
    public static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Yuan(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"5 分、50.00 元".</summary>
    public static string Text(decimal points, decimal yuan) => $"{Points(points)} 分、{Yuan(yuan)} 元";
}
