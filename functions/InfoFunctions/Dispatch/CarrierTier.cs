namespace InfoFunctions.Dispatch;

/// <summary>The carrier tiers the bulletin counts adoptions by.</summary>
public enum CarrierTier { Provincial, Municipal }
