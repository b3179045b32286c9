namespace InfoFunctions.Rewards;

/// <summary>Where a half-year stands: open, settled (may be re-run), paid (locked).</summary>
public enum SettlementStatus { Open, Settled, Paid }
