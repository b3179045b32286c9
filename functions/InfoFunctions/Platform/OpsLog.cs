namespace InfoFunctions.Platform;

/// <summary>
/// One line per operational fact, <c>ops &lt;event&gt; key=value …</c>, for the saved queries and alerts
/// in infra (they <c>parse-kv</c> these lines out of the traces table). Values are ids, numbers and
/// keywords only, so a space never needs escaping.
/// </summary>
public static class OpsLog
{
    public const string Prefix = "ops ";

    public static string Line(string evt, params (string Key, object? Value)[] fields) =>
        Prefix + evt + string.Concat(fields.Select(f => $" {f.Key}={Format(f.Value)}"));

    public static void Write(ILogger log, string evt, params (string Key, object? Value)[] fields) =>
        log.LogInformation("{OpsLine}", Line(evt, fields));

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.Replace(' ', '_'),
    };
}
