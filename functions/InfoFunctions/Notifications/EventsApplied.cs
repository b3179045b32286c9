namespace InfoFunctions.Notifications;

/// <summary>
/// What one event-webhook post did: events received, delivery rows matched, addresses marked failing, and events
/// skipped because their <c>sg_event_id</c> had been applied before (a replayed or retried post).
/// </summary>
public sealed record EventsApplied(int Received, int Matched, int FailingMarked, int Replayed = 0);
