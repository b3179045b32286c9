namespace InfoFunctions.Notifications;

/// <summary>What one queue delivery did, per recipient address.</summary>
public sealed record ProcessOutcome(IReadOnlyList<string> Sent, IReadOnlyList<string> Skipped,
    IReadOnlyList<string> OptedOut, IReadOnlyList<string> Rejected);
