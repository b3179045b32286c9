using Azure;
using Azure.Data.Tables;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Identity;
using InfoFunctions.Platform;

namespace InfoFunctions.Review;

/// <summary>
/// Round robin over the editors on duty: directory people with the editor role plus the rotation
/// calendar's staff for today. The position is a counter row updated with its ETag, so two
/// instances never hand out the same turn.
/// </summary>
public sealed class EditorAssigner(TableServiceClient tables, PersonStore people, IRotationCalendar rotation,
    TimeProvider time)
{
    private readonly TableClient _counters = tables.GetTableClient(StorageNames.Tables.Counters);
    private (DateTimeOffset At, IReadOnlyList<string> Ids)? _cache;
    // Turns are taken one at a time per instance, so only other instances contend on the counter's ETag.
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IReadOnlyList<string>> OnDutyAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache is { } c && now - c.At < TimeSpan.FromSeconds(30)) return c.Ids;
        var editors = (await people.ListAsync(false, null, ct)).Select(p => p.Value).Where(p =>
            Roles.Parse(p.Roles).HasFlag(Role.Editor)).Select(p => p.Id);
        var today = BusinessTime.DayOf(now);
        var rotating = await rotation.OnDutyAsync(today, ct);
        IReadOnlyList<string> ids = editors.Concat(rotating).Distinct().Order(StringComparer.Ordinal).ToList();
        _cache = (now, ids);
        return ids;
    }

    /// <summary>The next editor, or null when nobody is on duty (the report then waits unassigned).</summary>
    public async Task<string?> NextAsync(CancellationToken ct)
    {
        var ids = await OnDutyAsync(ct);
        if (ids.Count == 0) return null;
        await _turn.WaitAsync(ct);
        try { return await TakeTurnAsync(ids, ct); }
        finally { _turn.Release(); }
    }

    private async Task<string> TakeTurnAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await _counters.GetEntityIfExistsAsync<TableEntity>("review", "editor-round-robin",
                cancellationToken: ct);
            var n = row.HasValue ? row.Value!.GetInt64("Next") ?? 0 : 0;
            var entity = new TableEntity("review", "editor-round-robin") { ["Next"] = n + 1 };
            try
            {
                if (row.HasValue) await _counters.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace,
                    ct);
                else await _counters.AddEntityAsync(entity, ct);
                return ids[(int)(n % ids.Count)];
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 50)
            {
                await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), ct);
            }
        }
    }
}
