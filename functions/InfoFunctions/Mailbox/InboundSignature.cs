namespace InfoFunctions.Mailbox;

/// <summary>
/// SendGrid's signed Inbound Parse webhook, with the mailbox's key and age limit. The body is hashed while
/// it streams past (<see cref="MeteredStream"/>), so a 25 MB post is never held just to check its signature.
/// </summary>
public sealed class InboundSignatureVerifier(IOptions<MailboxOptions> options, TimeProvider time)
    : SendGridSignature(options.Value.InboundPublicKey, options.Value.InboundMaxAgeMinutes, time);
