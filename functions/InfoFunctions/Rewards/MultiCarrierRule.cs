namespace InfoFunctions.Rewards;

/// <summary>How a report adopted by several carriers counts.</summary>
public enum MultiCarrierRule
{
    /// <summary>Only the highest-valued carrier counts; a later, higher adoption adds the difference (补差).</summary>
    HighestOnly,
    /// <summary>Every adoption counts in full.</summary>
    Cumulative,
}
