namespace InfoFunctions.Notifications;

/// <summary>One row of the delivery log: an email to one address for one idempotency key.</summary>
public sealed record DeliveryEntry(
    string Email, string KeyHash, string IdempotencyKey, string Template, string? PersonId, string? Name,
    string Status, string? Sender, string? Subject, int Attempts, string? LastError,
    DateTimeOffset? ClaimedAt, DateTimeOffset? SentAt, string? ProviderMessageId,
    string? LastEvent, string? LastEventReason, DateTimeOffset? LastEventAt, DateTimeOffset UpdatedAt);
