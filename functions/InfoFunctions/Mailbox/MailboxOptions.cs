using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Mailbox;

/// <summary>Settings under <c>Mailbox__*</c>.</summary>
public sealed class MailboxOptions
{
    public const string Section = "Mailbox";

    /// <summary>
    /// SendGrid's signed-webhook public key (base64 SPKI, ECDSA P-256). Empty: only the function key protects the
    /// endpoint.
    /// </summary>
    public string InboundPublicKey { get; set; } = "";

    /// <summary>Signed requests older (or newer) than this are refused as replays.</summary>
    [Range(1, 1440)]
    public int InboundMaxAgeMinutes { get; set; } = 10;

    /// <summary>
    /// The 专用邮箱 address (the Inbound Parse host's recipient); used for de-duplication by Message-ID and recipient.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Recipient { get; set; } = "xinxi@inbound.example.org";

    /// <summary>Largest inbound post accepted (SendGrid's own limit is 30 MB).</summary>
    [Range(1024, 1L << 31)]
    public long MaxMailBytes { get; set; } = 40L * 1024 * 1024;
}
