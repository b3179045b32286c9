namespace InfoFunctions.Notifications;

/// <summary>Sends one rendered email: SendGrid, a mail server, or the local outbox.</summary>
public interface IEmailSender
{
    /// <summary>"sendgrid", "smtp" or "outbox", as shown in the delivery log.</summary>
    string Name { get; }

    /// <summary>
    /// Sends or throws. <see cref="EmailRejectedException"/> means retrying cannot help;
    /// any other exception is transient and the queue retries the message.
    /// </summary>
    Task<SendReceipt> SendAsync(OutgoingEmail email, CancellationToken ct);
}
