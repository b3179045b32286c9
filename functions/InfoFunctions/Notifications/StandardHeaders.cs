namespace InfoFunctions.Notifications;

/// <summary>
/// Headers on every outgoing email, so out-of-office replies and auto-responders don't answer (RFC 3834).
/// </summary>
public static class StandardHeaders
{
    public const string AutoSubmitted = "Auto-Submitted";
    public const string AutoResponseSuppress = "X-Auto-Response-Suppress";
    public const string NotificationKey = "X-InfoFunctions-Key";
    public const string TemplateHeader = "X-InfoFunctions-Template";

    /// <summary>The custom arg SendGrid echoes in every event, used to find the delivery row.</summary>
    public const string KeyArg = "infofunctions_key";

    public static Dictionary<string, string> For(string idempotencyKey, string template) => new()
    {
        [AutoSubmitted] = "auto-generated",
        [AutoResponseSuppress] = "All",
        [NotificationKey] = HeaderSafe(idempotencyKey),
        [TemplateHeader] = template,
    };

    /// <summary>Header values must be printable ASCII; anything else is carried as its hash.</summary>
    public static string HeaderSafe(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : "sha256:" + DeliveryKeys.Hash(value);
}
