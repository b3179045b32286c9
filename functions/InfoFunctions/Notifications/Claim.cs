namespace InfoFunctions.Notifications;

/// <summary>
/// What claiming a delivery row found, with the attempts so far and, when another delivery holds it, until when;
/// a claim won carries the row's <see cref="ETag"/>, to renew it while sending.
/// </summary>
public sealed record Claim(ClaimOutcome Outcome, int Attempts, DateTimeOffset? HeldUntil = null, ETag? ETag = null);
