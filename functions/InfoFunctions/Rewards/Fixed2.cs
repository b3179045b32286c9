namespace InfoFunctions.Rewards;

/// <summary>Table Storage has no decimal: money is kept in fen and points in hundredths, both exact.</summary>
internal static class Fixed2
{
    public static long ToHundredths(decimal v) => (long)decimal.Round(v * 100, 0, MidpointRounding.AwayFromZero);
    public static decimal FromHundredths(long? v) => (v ?? 0) / 100m;
}
