namespace InfoFunctions.Mailbox;

/// <summary>
/// What became of a received mail: <see cref="Accepted"/> made a report, <see cref="Revised"/> revised one (a reply
/// to a notice); the others made none.
/// </summary>
public enum MailStatus
{
    Received, Processing, Accepted, Quarantined, Rejected, Duplicate, AutoReply, Bounce, Unusable, Revised,
}
