namespace InfoFunctions.Notifications;

/// <summary>What the outbox keeps beside each .eml, so a reader needs no mail client.</summary>
public sealed record OutboxEntry(
    string Id, DateTimeOffset CreatedAt, string From, string To, string ToName, string Subject,
    string Template, string IdempotencyKey, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs, string Text, string Html, string EmlPath,
    string? MessageId = null);
