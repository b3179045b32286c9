using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// Assigns an editor on duty: directory people with the editor role plus the rotation calendar's staff for
/// today (read at most every 30 s per instance), the turn taken from the report's tracking number
/// (<see cref="EditorTurns"/>). Nothing is written and nobody waits: no counter row, no lock.
/// </summary>
public sealed class EditorAssigner(PersonStore people, IRotationCalendar rotation, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private volatile Roster? _roster;

    private sealed record Roster(DateTimeOffset At, IReadOnlyList<string> Ids);

    public async Task<IReadOnlyList<string>> OnDutyAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_roster is { } r && now - r.At < CacheFor) return r.Ids;
        var editors = (await people.ListAsync(false, null, ct)).Select(p => p.Value).Where(p =>
            Roles.Parse(p.Roles).HasFlag(Role.Editor)).Select(p => p.Id);
        var rotating = await rotation.OnDutyAsync(BusinessTime.DayOf(now), ct);
        IReadOnlyList<string> ids = editors.Concat(rotating).Distinct().Order(StringComparer.Ordinal).ToList();
        _roster = new Roster(now, ids);
        return ids;
    }

    /// <summary>The report's editor, or null when nobody is on duty (the report then waits unassigned).</summary>
    public async Task<string?> AssignAsync(Report report, CancellationToken ct)
    {
        var ids = await OnDutyAsync(ct);
        return ids.Count == 0 ? null : EditorTurns.Pick(ids, report.TrackingNumber, report.Id);
    }
}
