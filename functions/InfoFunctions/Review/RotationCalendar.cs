// The dispatch feature owns the rotation calendar (轮岗). Until it lands, Review declares the
// interface with the agreed shape; delete this interface when Dispatch defines it.
namespace InfoFunctions.Dispatch
{
    /// <summary>Who rotates into the information section (轮岗) on a day; the dispatch feature implements it.</summary>
    public interface IRotationCalendar
    {
        Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct);
    }
}

