namespace InfoFunctions.Notifications;

/// <summary>A transient send failure that outlasted this delivery's retries; the queue tries again.</summary>
public sealed class EmailSendFailedException(string message, Exception? inner = null) : Exception(message, inner);
