namespace InfoFunctions.Notifications;

/// <summary>The states a delivery row moves through, as stored.</summary>
public static class DeliveryStatus
{
    public const string Sending = "sending";
    /// <summary>A try failed; the queue will try again.</summary>
    public const string Retrying = "retrying";
    /// <summary>The last try the queue allows failed: the message is in the poison queue.</summary>
    public const string Failed = "failed";
    /// <summary>The provider refused it for good (e.g. a malformed address); not retried.</summary>
    public const string Rejected = "rejected";
    public const string OptedOut = "opted-out";
    public const string Sent = "sent";
    public const string Deferred = "deferred";
    public const string Delivered = "delivered";
    public const string Bounced = "bounced";
    public const string Dropped = "dropped";

    /// <summary>Later stages win over earlier ones, so events arriving out of order don't step back.</summary>
    public static int Rank(string? status) => status switch
    {
        Sent => 1,
        Deferred => 2,
        Delivered => 3,
        Bounced or Dropped => 4,
        _ => 0,
    };
}
