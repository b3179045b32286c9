using System.Security.Cryptography;

namespace InfoFunctions.Submissions;

/// <summary>
/// Report ids are <c>&lt;unitId&gt;~&lt;key&gt;</c>: the unit is the table partition and the key the
/// row, so a read by id is one point read. The key starts with the submission time reversed
/// (12 hex digits of milliseconds before year 9999), so a unit's partition lists newest first
/// and a period is a row-key range; 8 random hex digits make it unique.
/// </summary>
public static class ReportIds
{
    public const char Separator = '~';
    private const long MaxMs = 253402300799999; // 9999-12-31T23:59:59.999Z

    public static string New(string unitId, DateTimeOffset at) =>
        Of(unitId, KeyPrefix(at) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));

    /// <summary>The id of the report in a unit's partition with row key <paramref name="key"/>.</summary>
    public static string Of(string unitId, string key) => $"{unitId}{Separator}{key}";

    /// <summary>The report's URL path under the API.</summary>
    public static string Path(string id) => $"/api/reports/{Uri.EscapeDataString(id)}";

    /// <summary>Row-key prefix for an instant; later instants sort first.</summary>
    public static string KeyPrefix(DateTimeOffset at) => (MaxMs - at.ToUnixTimeMilliseconds()).ToString("x12");

    /// <summary>The instant an id was made for (to the millisecond), read back from its key.</summary>
    public static DateTimeOffset TimeOf(string id)
    {
        TryParse(id, out _, out var key);
        return DateTimeOffset.FromUnixTimeMilliseconds(MaxMs - Convert.ToInt64(key[..12], 16));
    }

    public static bool TryParse(string? id, out string unitId, out string key)
    {
        unitId = key = "";
        if (string.IsNullOrEmpty(id)) return false;
        var i = id.IndexOf(Separator);
        if (i <= 0 || i == id.Length - 1) return false;
        (unitId, key) = (id[..i], id[(i + 1)..]);
        return key.Length == 20 && key.All(Uri.IsHexDigit) && unitId.All(c =>
            c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
    }
}
