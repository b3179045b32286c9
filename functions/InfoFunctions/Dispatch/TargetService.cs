using InfoFunctions.DirectoryFeature;

namespace InfoFunctions.Dispatch;

/// <summary>
/// 定目标: editors set each unit's targets for a period; everyone sees progress (officers their own unit's).
/// </summary>
public sealed class TargetService(
    TargetStore targets, UnitStore units, ReportReader reader, IAdoptionSource adoptions, TimeProvider time)
{
    public const int MaxTarget = 10000;

    /// <summary>Replaces the named units' targets for the period; any bad entry refuses them all.</summary>
    public async Task<Result<IReadOnlyList<TargetProgress>>> SetAsync(
        string period, TargetsInput input, Principal who, CancellationToken ct)
    {
        if (!DispatchPeriod.TryParse(period, out var parsed)) return DispatchPeriod.Invalid(period);
        var p = parsed.Value;
        var errors = new List<FieldError>();
        var rows = new List<TargetRow>();
        if (input.Targets is not { Count: > 0 }) errors.Add(new("targets", "请至少给出一个单位的目标。"));
        var now = time.GetUtcNow();
        foreach (var (t, i) in (input.Targets ?? []).Select((t, i) => (t, i)))
        {
            var unitId = t.UnitId?.Trim() ?? "";
            if (unitId.Length == 0 || await units.GetAsync(unitId, ct) is null)
                errors.Add(new($"targets[{i}].unitId", $"单位“{t.UnitId}”不存在。"));
            else if (t.Submissions is not (>= 0 and <= MaxTarget))
                errors.Add(new($"targets[{i}].submissions", $"报送目标篇数应为 0 到 {MaxTarget} 的整数。"));
            else if (t.Adoptions is not (>= 0 and <= MaxTarget))
                errors.Add(new($"targets[{i}].adoptions", $"采用目标篇数应为 0 到 {MaxTarget} 的整数。"));
            else
                rows.Add(new TargetRow
                {
                    PartitionKey = p.Id,
                    RowKey = unitId,
                    Submissions = t.Submissions.Value,
                    Adoptions = t.Adoptions.Value,
                    Meeting = input.Meeting?.Trim(),
                    SetBy = who.Id,
                    SetAt = now,
                });
        }
        if (rows.GroupBy(t => t.RowKey).Any(g => g.Count() > 1)) errors.Add(new("targets", "同一单位只能有一个目标。"));
        if (errors.Count > 0) return Problem.Invalid(errors);
        await targets.SetAsync(rows, ct);
        return await ProgressAsync(p, null, ct);
    }

    /// <summary>A unit sees its own progress; the office sees every unit's.</summary>
    public async Task<Result<IReadOnlyList<TargetProgress>>> GetAsync(string period, Principal who,
        CancellationToken ct)
    {
        if (!DispatchPeriod.TryParse(period, out var parsed)) return DispatchPeriod.Invalid(period);
        var p = parsed.Value;
        return await ProgressAsync(p, who.IsInRole(Role.Office) ? null : who.UnitId ?? "", ct);
    }

    private async Task<List<TargetProgress>> ProgressAsync(DispatchPeriod p, string? unitId, CancellationToken ct)
    {
        var set = (await targets.ListAsync(p, ct)).Where(t => unitId is null || t.RowKey == unitId).ToList();
        var adopted = (await adoptions.LoadAsync(p.From, p.To, ct)).GroupBy(x => x.UnitId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ReportId).Distinct().Count());
        var result = new List<TargetProgress>();
        foreach (var t in set)
        {
            var submitted = (await reader.UnitAsync(t.RowKey, p.From, p.To, null, ct)).Count;
            var ad = adopted.GetValueOrDefault(t.RowKey);
            result.Add(new TargetProgress(p.Id, t.RowKey, t.Submissions, t.Adoptions, submitted, ad,
                t.Submissions > 0 ? BulletinBuilder.Rate(submitted, t.Submissions) : null,
                t.Adoptions > 0 ? BulletinBuilder.Rate(ad, t.Adoptions) : null, t.Meeting, t.SetBy, t.SetAt));
        }
        return result;
    }
}
