namespace InfoFunctions.Notifications;

/// <summary>What the sender reports back: its provider id (SendGrid X-Message-Id, or the outbox id).</summary>
public sealed record SendReceipt(string Sender, string? ProviderMessageId);
