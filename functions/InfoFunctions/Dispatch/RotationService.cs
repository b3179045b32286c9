using InfoFunctions.DirectoryFeature;

namespace InfoFunctions.Dispatch;

/// <summary>轮岗: arrange and cancel rotation windows, list them, and what a person produced in one.</summary>
public sealed class RotationService(
    RotationStore rotations, IPersonLookup people, UnitStore units, ReportReader reader, IAdoptionSource adoptions,
    IOptions<DispatchOptions> options, TimeProvider time)
{
    private static readonly Problem NotFound = Problem.NotFound("该轮岗安排");

    public async Task<Result<RotationWindow>> CreateAsync(RotationInput input, Principal who, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var personId = input.PersonId?.Trim() ?? "";
        if (personId.Length == 0 || await people.FindByIdAsync(personId, ct) is not { Active: true })
            errors.Add(new("personId", $"人员“{input.PersonId}”不存在或已停用。"));
        if (!BusinessTime.TryParseDay(input.From, out var from))
            errors.Add(new("from", $"开始日期格式应为 {InputRules.DayHint}（北京时间）。"));
        if (!BusinessTime.TryParseDay(input.To, out var to))
            errors.Add(new("to", $"结束日期格式应为 {InputRules.DayHint}（北京时间）。"));
        if (errors.Count > 0) return Problem.Invalid(errors);
        var rule = RotationRules.Validate(personId, from, to, await rotations.ListAsync(ct),
            options.Value.RotationMaxDaysPerYear);
        if (rule.Count > 0) return Problem.Invalid(rule);
        var window = new RotationWindow($"{BusinessTime.Format(from)}~{personId}", personId, from, to,
            input.Note?.Trim(),
            who.Id, time.GetUtcNow());
        await rotations.AddAsync(window, ct);
        return window;
    }

    /// <summary>Every window, or those with days in <paramref name="year"/>.</summary>
    /// <summary>Every window, or those touching <paramref name="yearText"/> (2000–2099).</summary>
    public async Task<Result<IReadOnlyList<RotationWindow>>> ListAsync(string? yearText, CancellationToken ct)
    {
        int? year = null;
        if (!string.IsNullOrEmpty(yearText))
        {
            if (!InputRules.TryParseYear(yearText, out var y)) return Problem.Field("year", "year 应为 2000 到 2099 的年份。");
            year = y;
        }
        var list = await rotations.ListAsync(ct);
        return list.Where(w => year is not { } only || RotationRules.DaysIn(w.From, w.To, only) > 0).ToList();
    }

    public async Task<Result> DeleteAsync(string id, CancellationToken ct) =>
        await rotations.DeleteAsync(id, ct) ? Result.Ok : NotFound;

    /// <summary>Reports the person wrote or submitted during the window, and which were adopted in it.</summary>
    public async Task<Result<RotationOutput>> OutputAsync(string id, CancellationToken ct)
    {
        if (await rotations.GetAsync(id, ct) is not { } w) return NotFound;
        var (from, to) = (BusinessTime.StartOf(w.From), BusinessTime.StartOf(w.To.AddDays(1)));
        var all = await units.ListAsync(includeInactive: true, ct);
        var mine = (await reader.InPeriodAsync(all.Select(u => u.Value.Id), from, to, ct))
            .Where(r => r.IsBy(w.PersonId)).OrderBy(r => r.SubmittedAt).ToList();
        var adopted = (await adoptions.LoadAsync(from, to, ct))
            .Where(x => x.Authors.Any(p => p.PersonId == w.PersonId)).Select(x => x.ReportId).ToHashSet();
        return new RotationOutput(w, mine.Count, adopted.Count,
            mine.Select(r => new RotationReport(r.Id, r.Title, r.UnitId, r.SubmittedAt, adopted.Contains(r.Id)))
                .ToList());
    }
}
