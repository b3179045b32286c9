using InfoFunctions.Notifications;

namespace InfoFunctions.Dispatch;

/// <summary>
/// Wraps the directory so a person on rotation holds the editor role for the Beijing days of their window
/// (identity sees it on every request) and is in the editor pool for notices; nothing is written to the
/// person's record, so the role lapses by itself the day after the window.
/// </summary>
public sealed class RotationAwareDirectory(
    IPersonLookup people, IRecipientDirectory recipients, IRotationCalendar calendar, TimeProvider time)
    : IPersonLookup, IRecipientDirectory
{
    public async Task<PersonIdentity?> FindByIdAsync(string personId, CancellationToken ct = default) =>
        await WithRotationAsync(await people.FindByIdAsync(personId, ct), ct);

    public async Task<PersonIdentity?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        await WithRotationAsync(await people.FindByEmailAsync(email, ct), ct);

    public Task<Recipient?> FindPersonAsync(string personId, CancellationToken ct = default) =>
        recipients.FindPersonAsync(personId, ct);

    public async Task<IReadOnlyList<Recipient>> FindByRoleAsync(
        string role, string? unitId, CancellationToken ct = default)
    {
        var list = (await recipients.FindByRoleAsync(role, unitId, ct)).ToList();
        if (role != Roles.Name(Role.Editor)) return list;
        foreach (var id in await calendar.OnDutyAsync(BusinessTime.DayOf(time.GetUtcNow()), ct))
        {
            if (list.Any(r => r.PersonId == id)) continue;
            if (unitId is not null && (await people.FindByIdAsync(id, ct))?.UnitId != unitId) continue;
            if (await recipients.FindPersonAsync(id, ct) is { } r) list.Add(r);
        }
        return list;
    }

    private async Task<PersonIdentity?> WithRotationAsync(PersonIdentity? p, CancellationToken ct)
    {
        if (p is null || !p.Active || (p.Roles & Role.Editor) != Role.None) return p;
        var onDuty = await calendar.OnDutyAsync(BusinessTime.DayOf(time.GetUtcNow()), ct);
        return onDuty.Contains(p.Id) ? p with { Roles = p.Roles | Role.Editor } : p;
    }
}
