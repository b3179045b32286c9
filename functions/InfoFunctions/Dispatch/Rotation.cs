using Azure;
using Azure.Data.Tables;
using InfoFunctions.Identity;
using InfoFunctions.Notifications;
using InfoFunctions.Platform;

namespace InfoFunctions.Dispatch;

/// <summary>Who is rotating into the information section (轮岗) on a CST day. The review pipeline reads it for assignment.</summary>
public interface IRotationCalendar
{
    Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct);
}

/// <summary>A rotation window: the person holds the editor role from <paramref name="From"/> to <paramref name="To"/> inclusive (CST days).</summary>
public sealed record RotationWindow(string Id, string PersonId, DateOnly From, DateOnly To, string? Note, string CreatedBy, DateTimeOffset CreatedAt)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;
    public int Days => To.DayNumber - From.DayNumber + 1;
}

public sealed record RotationInput(string? PersonId, string? From, string? To, string? Note);

public static class RotationRules
{
    /// <summary>Checks a new window against the person's other windows: order, no overlap, yearly allowance (1.5 months).</summary>
    public static IReadOnlyList<FieldError> Validate(string personId, DateOnly from, DateOnly to, IEnumerable<RotationWindow> existing, int maxDaysPerYear)
    {
        var errors = new List<FieldError>();
        if (to < from) { errors.Add(new("to", "结束日期不能早于开始日期。")); return errors; }
        var mine = existing.Where(w => w.PersonId == personId).ToList();
        if (mine.FirstOrDefault(w => w.From <= to && from <= w.To) is { } clash)
            errors.Add(new("from", $"与该同志已有的轮岗时段（{Cst.Format(clash.From)} 至 {Cst.Format(clash.To)}）重叠。"));
        for (var year = from.Year; year <= to.Year; year++)
        {
            var used = mine.Sum(w => DaysIn(w.From, w.To, year)) + DaysIn(from, to, year);
            if (used > maxDaysPerYear)
                errors.Add(new("to", $"{year} 年轮岗合计 {used} 天，超过每年 {maxDaysPerYear} 天（一个半月）的安排。"));
        }
        return errors;
    }

    public static int DaysIn(DateOnly from, DateOnly to, int year)
    {
        var a = from.Year < year ? new DateOnly(year, 1, 1) : from;
        var b = to.Year > year ? new DateOnly(year, 12, 31) : to;
        return b < a ? 0 : b.DayNumber - a.DayNumber + 1;
    }
}

/// <summary>Rotation windows: one small partition (a few dozen windows a year), ISO dates so ranges compare as text.</summary>
public sealed class RotationStore(TableServiceClient tables) : IRotationCalendar
{
    private const string Partition = "rotation";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Rotations);

    public async Task<IReadOnlyList<string>> OnDutyAsync(DateOnly day, CancellationToken ct)
    {
        var d = Cst.Format(day);
        var ids = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and From le {d} and To ge {d}"), select: ["PersonId"], cancellationToken: ct))
            ids.Add(e.GetString("PersonId"));
        return ids.Distinct().ToList();
    }

    public async Task<IReadOnlyList<RotationWindow>> ListAsync(CancellationToken ct)
    {
        var list = new List<RotationWindow>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            list.Add(From(e));
        return list.OrderBy(w => w.From).ThenBy(w => w.PersonId, StringComparer.Ordinal).ToList();
    }

    public async Task<RotationWindow?> GetAsync(string id, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        return e.HasValue ? From(e.Value!) : null;
    }

    public Task AddAsync(RotationWindow w, CancellationToken ct) => _table.AddEntityAsync(new TableEntity(Partition, w.Id)
    {
        ["PersonId"] = w.PersonId, ["From"] = Cst.Format(w.From), ["To"] = Cst.Format(w.To), ["Note"] = w.Note,
        ["CreatedBy"] = w.CreatedBy, ["CreatedAt"] = w.CreatedAt,
    }, ct);

    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(Partition, id, ETag.All, ct); return true; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return false; }
    }

    private static RotationWindow From(TableEntity e)
    {
        Cst.TryParseDay(e.GetString("From"), out var from);
        Cst.TryParseDay(e.GetString("To"), out var to);
        return new RotationWindow(e.RowKey, e.GetString("PersonId"), from, to, e.GetString("Note"), e.GetString("CreatedBy") ?? "", e.GetDateTimeOffset("CreatedAt") ?? default);
    }
}

/// <summary>
/// Wraps the directory so a person on rotation holds the editor role for the CST days of their window
/// (identity sees it on every request) and is in the editor pool for notices; nothing is written to the
/// person's record, so the role lapses by itself the day after the window.
/// </summary>
public sealed class RotationAwareDirectory(IPersonLookup people, IRecipientDirectory recipients, IRotationCalendar calendar, TimeProvider time)
    : IPersonLookup, IRecipientDirectory
{
    public async Task<PersonIdentity?> FindByIdAsync(string personId, CancellationToken ct = default) =>
        await WithRotationAsync(await people.FindByIdAsync(personId, ct), ct);

    public async Task<PersonIdentity?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        await WithRotationAsync(await people.FindByEmailAsync(email, ct), ct);

    public Task<Recipient?> FindPersonAsync(string personId, CancellationToken ct = default) => recipients.FindPersonAsync(personId, ct);

    public async Task<IReadOnlyList<Recipient>> FindByRoleAsync(string role, string? unitId, CancellationToken ct = default)
    {
        var list = (await recipients.FindByRoleAsync(role, unitId, ct)).ToList();
        if (role != Roles.Name(Role.Editor)) return list;
        foreach (var id in await calendar.OnDutyAsync(Cst.Today(time.GetUtcNow()), ct))
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
        var onDuty = await calendar.OnDutyAsync(Cst.Today(time.GetUtcNow()), ct);
        return onDuty.Contains(p.Id) ? p with { Roles = p.Roles | Role.Editor } : p;
    }
}
