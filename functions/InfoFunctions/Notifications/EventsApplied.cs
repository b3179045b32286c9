namespace InfoFunctions.Notifications;

/// <summary>
/// What one event-webhook post did: events received, delivery rows matched, addresses marked failing.
/// </summary>
public sealed record EventsApplied(int Received, int Matched, int FailingMarked);
