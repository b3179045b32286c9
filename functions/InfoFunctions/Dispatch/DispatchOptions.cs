using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Dispatch;

/// <summary>
/// Settings under <c>Dispatch__*</c>. The two schedules are read by the timer attributes
/// (<c>%Dispatch__…%</c>), in UTC.
/// </summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>NCRONTAB (UTC) for the just-closed period's 通报 if missing; 17:00 UTC is 01:00 in Beijing.</summary>
    [Required] public string BulletinSchedule { get; set; } = "0 0 17 * * *";

    /// <summary>NCRONTAB (UTC) for 约稿 reminders and overdue notices.</summary>
    [Required] public string TopicReminderSchedule { get; set; } = "0 5 * * * *";

    /// <summary>How long before the deadline the one reminder goes out.</summary>
    [Range(1, 30, ErrorMessage = "Dispatch__ReminderDaysBefore 应在 1 到 30 之间。")]
    public int ReminderDaysBefore { get; set; } = 2;

    /// <summary>
    /// How far back the reminder timer looks for topics that became overdue while it was not running.
    /// </summary>
    [Range(1, 90, ErrorMessage = "Dispatch__OverdueLookbackDays 应在 1 到 90 之间。")]
    public int OverdueLookbackDays { get; set; } = 14;

    /// <summary>Rotation allowance per person and year (1.5 months ≈ 46 days).</summary>
    [Range(1, 366, ErrorMessage = "Dispatch__RotationMaxDaysPerYear 应在 1 到 366 之间。")]
    public int RotationMaxDaysPerYear { get; set; } = 46;
}
