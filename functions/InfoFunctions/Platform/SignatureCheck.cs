namespace InfoFunctions.Platform;

/// <summary>What checking a signed webhook found (<see cref="SendGridSignature"/>).</summary>
public enum SignatureCheck { Valid, NotConfigured, Missing, Stale, Invalid }
