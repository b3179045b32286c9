using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// Assigns an editor on duty: directory people with the editor role plus the rotation calendar's staff for
/// today (read at most every 30 s per instance, names with them), the turn taken from the report's tracking number
/// (<see cref="EditorTurns"/>). Nothing is written and nobody waits: no counter row, no lock.
/// </summary>
public sealed class EditorAssigner(PersonStore people, IRotationCalendar rotation, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private volatile Roster? _roster;

    private sealed record Roster(DateTimeOffset At, IReadOnlyList<DutyEditor> Editors);

    /// <summary>Who is on duty now, in id order.</summary>
    public async Task<IReadOnlyList<DutyEditor>> OnDutyAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_roster is { } r && now - r.At < CacheFor) return r.Editors;
        var active = (await people.ListAsync(false, null, ct)).Select(p => p.Value).ToDictionary(p => p.Id);
        var editors = active.Values.Where(p => Roles.Parse(p.Roles).HasFlag(Role.Editor)).Select(p => p.Id);
        var rotating = await rotation.OnDutyAsync(BusinessTime.DayOf(now), ct);
        IReadOnlyList<DutyEditor> list = editors.Concat(rotating).Distinct().Order(StringComparer.Ordinal)
            .Select(id => new DutyEditor(id, active.TryGetValue(id, out var p) ? p.Name : id)).ToList();
        _roster = new Roster(now, list);
        return list;
    }

    /// <summary>
    /// The report's editor: the one it already has (a report back from a revision keeps them), else the turn among
    /// those on duty; null when nobody is on duty (the report then waits unassigned).
    /// </summary>
    public async Task<DutyEditor?> AssignAsync(Report report, CancellationToken ct)
    {
        var onDuty = await OnDutyAsync(ct);
        if (report.EditorId is { } id)
            return onDuty.FirstOrDefault(e => e.Id == id)
                ?? new DutyEditor(id, (await people.GetAsync(id, ct))?.Value.Name ?? id);
        return onDuty.Count == 0 ? null : EditorTurns.Pick(onDuty, report.TrackingNumber, report.Id);
    }
}
