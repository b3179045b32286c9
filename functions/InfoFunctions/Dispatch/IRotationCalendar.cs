namespace InfoFunctions.Dispatch;

/// <summary>
/// Who is rotating into the information section (轮岗) on a Beijing day. The review pipeline reads it for assignment.
/// </summary>
public interface IRotationCalendar
{
    Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct);
}
