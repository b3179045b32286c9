namespace InfoFunctions.Dispatch;

/// <summary>
/// A rotation window: the person holds the editor role from <paramref name="From"/> to <paramref name="To"/>,
/// both inclusive Beijing days.
/// </summary>
public sealed record RotationWindow(
    string Id, string PersonId, DateOnly From, DateOnly To, string? Note, string CreatedBy, DateTimeOffset CreatedAt)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;
    public int Days => To.DayNumber - From.DayNumber + 1;
}
