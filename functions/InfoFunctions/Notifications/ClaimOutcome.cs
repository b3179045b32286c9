namespace InfoFunctions.Notifications;

/// <summary>Claimed (this delivery sends), already sent, or held by another live delivery.</summary>
public enum ClaimOutcome { Claimed, AlreadyDone, HeldElsewhere }
