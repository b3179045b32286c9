namespace InfoFunctions.Notifications;

/// <summary>
/// What claiming a delivery row found, with the attempts so far and, when another delivery holds it, until when.
/// </summary>
public sealed record Claim(ClaimOutcome Outcome, int Attempts, DateTimeOffset? HeldUntil = null);
