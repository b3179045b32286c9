using System.ComponentModel.DataAnnotations;

namespace InfoFunctions.Platform;

/// <summary>
/// Settings under <c>Outbox__*</c>. The sweep's schedule is <c>Outbox__SweepSchedule</c> (UTC NCRONTAB, read by the
/// timer trigger).
/// </summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// A pending message younger than this is left to the request that is sending it; older ones are the sweep's.
    /// Also the width of the time windows the sweep reads.
    /// </summary>
    [Range(2, 3600, ErrorMessage = "Outbox__AgeSeconds 应在 2 到 3600 之间。")]
    public int AgeSeconds { get; set; } = 60;

    public TimeSpan Age => TimeSpan.FromSeconds(AgeSeconds);
}
