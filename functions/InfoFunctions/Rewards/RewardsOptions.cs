using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Rewards;

/// <summary>
/// Settings under <c>Rewards__</c>. The timer schedules (<c>Rewards__SettlementSchedule</c>,
/// <c>Rewards__AssessmentSchedule</c>) are read by the host through <c>%…%</c> in the trigger.
/// </summary>
public sealed class RewardsOptions
{
    public const string Section = "Rewards";

    /// <summary>Days after settlement within which a person may object (shown on the statement).</summary>
    [Range(1, 90)]
    public int ObjectionDays { get; set; } = 15;
}
