namespace InfoFunctions.Notifications;

/// <summary>One email in the outbox listing.</summary>
public sealed record OutboxSummary(string Id, DateTimeOffset CreatedAt, string To, string Subject, string Template,
    string IdempotencyKey);
