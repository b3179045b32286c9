using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>A commissioned topic (约稿). The deadline is the end of <see cref="DeadlineDay"/> in Asia/Shanghai.</summary>
public sealed record Topic(
    string Id, string Title, string Brief, ReportCategory? Category, string? CarrierId, DateOnly DeadlineDay,
    bool PenalizeMiss, string CreatedBy, string CreatedByName, DateTimeOffset CreatedAt)
{
    public DateTimeOffset Deadline => BusinessTime.StartOf(DeadlineDay.AddDays(1));
}
