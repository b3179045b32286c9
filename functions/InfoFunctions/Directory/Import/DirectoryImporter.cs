namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// Bulk upsert of units (by code) and people (by email). Validates every row against the file and
/// the stored directory first; only a file with no errors is written.
/// </summary>
public sealed class DirectoryImporter(UnitStore units, PersonStore people, CarrierStore carriers, TimeProvider time)
{
    /// <summary>Every error, first line first; the detail names the first so a person can start there.</summary>
    private static Problem Failed(IEnumerable<FieldError> found)
    {
        var errors = found.OrderBy(e => e.Line).ToList();
        var first = errors[0];
        return Problem.Invalid("import-invalid",
            $"导入文件有 {errors.Count} 处错误，未导入任何数据。第一处：第 {first.Line} 行" +
            $"{(first.Field.Length == 0 ? "" : $"“{first.Field}”列")}：{first.Message}", errors);
    }

    private static readonly Problem ConcurrentChange = Problem.Conflict("concurrent-change", "导入期间名录被他人修改，请重新导入。");

    /// <summary>Loads <see cref="DemoData"/>; running it again changes nothing.</summary>
    public async Task<Result<DemoSummary>> LoadDemoAsync(CancellationToken ct)
    {
        static Problem Clash(Problem p, string what) =>
            p.Kind == ProblemKind.Conflict ? p : Problem.Conflict("demo-conflict", $"演示{what}与现有数据冲突，未能载入：" +
                string.Join("；", (p.Errors ?? []).Select(e => e.Message))) with
            { Errors = p.Errors };
        var unitsDone = await UpsertUnitsAsync(DemoData.UnitRows, f => f, ct);
        if (!unitsDone.IsOk) return Clash(unitsDone.Problem!, "单位");
        var carriersDone = await UpsertCarriersAsync(DemoData.Carriers, ct);
        if (!carriersDone.IsOk) return Clash(carriersDone.Problem!, "载体");
        var peopleDone = await UpsertPeopleAsync(DemoData.PersonRows, f => f, ct);
        if (!peopleDone.IsOk) return Clash(peopleDone.Problem!, "人员");
        return new DemoSummary(unitsDone.Value, carriersDone.Value, peopleDone.Value);
    }

    public async Task<Result<ImportSummary>> ImportUnitsAsync(SheetReadResult sheet, CancellationToken ct)
    {
        if (Header(sheet, ImportSheets.UnitColumns, out var map) is { } failed) return failed;
        var rows = sheet.Rows.Skip(1).Select(r => new UnitRow(r.Line, ImportSheets.ToUnitInput(map!, r))).ToList();
        return await UpsertUnitsAsync(rows, f => map!.HeaderOf(f, ImportSheets.UnitColumns), ct);
    }

    public async Task<Result<ImportSummary>> ImportPeopleAsync(SheetReadResult sheet, CancellationToken ct)
    {
        if (Header(sheet, ImportSheets.PersonColumns, out var map) is { } failed) return failed;
        var rows = sheet.Rows.Skip(1).Select(r =>
        {
            var cellErrors = new List<FieldError>();
            var input = ImportSheets.ToPersonInput(map!, r, cellErrors);
            return new PersonRow(r.Line, input, cellErrors);
        }).ToList();
        return await UpsertPeopleAsync(rows, f => map!.HeaderOf(f, ImportSheets.PersonColumns), ct);
    }

    private static Problem? Header(SheetReadResult sheet, IReadOnlyList<ColumnSpec> specs, out ColumnMap? map)
    {
        map = null;
        if (sheet.Errors.Count > 0) return Failed(sheet.Errors);
        if (sheet.Rows.Count == 0) return Failed([FieldError.AtLine(1, null, "文件是空的：第一行应为表头。")]);
        var errors = new List<FieldError>();
        map = ColumnMap.FromHeader(sheet.Rows[0], specs, errors);
        if (errors.Count > 0) return Failed(errors);
        if (sheet.Rows.Count == 1) return Failed([FieldError.AtLine(sheet.Rows[0].Line, null, "文件只有表头，没有数据行。")]);
        return null;
    }

    public async Task<Result<ImportSummary>> UpsertUnitsAsync(IReadOnlyList<UnitRow> rows, Func<string, string> column,
        CancellationToken ct)
    {
        var stored = await units.ListAsync(includeInactive: true, ct);
        var plan = ImportPlanning.PlanUnits(rows, stored, time.GetUtcNow(), column);
        if (plan.Errors.Count > 0) return Failed(plan.Errors);
        return await units.WriteBatchAsync(plan.Writes, ct) == WriteOutcome.Ok
            ? plan.Summary
            : ConcurrentChange;
    }

    public async Task<Result<ImportSummary>> UpsertPeopleAsync(IReadOnlyList<PersonRow> rows, Func<string,
        string> column, CancellationToken ct)
    {
        var storedUnits = await units.ListAsync(includeInactive: true, ct);
        var storedPeople = await people.ListAsync(includeInactive: true, unitId: null, ct);
        var plan = ImportPlanning.PlanPeople(rows, storedUnits, storedPeople, time.GetUtcNow(), column);
        if (plan.Errors.Count > 0) return Failed(plan.Errors);
        return await people.WriteBatchAsync(plan.Writes, ct) == WriteOutcome.Ok
            ? plan.Summary
            : ConcurrentChange;
    }

    /// <summary>Carriers by id; used by the demo data set.</summary>
    public async Task<Result<ImportSummary>> UpsertCarriersAsync(IReadOnlyList<CarrierInput> inputs,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stored = (await carriers.ListAsync(includeInactive: true, ct)).ToDictionary(v => v.Value.Id);
        var errors = new List<FieldError>();
        var writes = new List<(Carrier, string?)>();
        int created = 0, updated = 0, unchanged = 0, line = 0;
        foreach (var input in inputs)
        {
            line++;
            var fieldErrors = new List<FieldError>();
            var d = DirectoryRules.ValidateCarrier(input, fieldErrors);
            if (d is { Id: null }) fieldErrors.Add(new("id", "请填写载体编码。"));
            errors.AddRange(fieldErrors.Select(e => FieldError.AtLine(line, e.Field, e.Message)));
            if (d?.Id is null || fieldErrors.Count > 0) continue;
            var old = stored.GetValueOrDefault(d.Id);
            var carrier = new Carrier(d.Id, d.Name, d.Level, d.Kind, old?.Value.Active ?? true, now,
                d.RequiresCaptions ?? old?.Value.RequiresCaptions ?? false);
            if (old is null) { writes.Add((carrier, null)); created++; }
            else if (old.Value with { UpdatedAt = default } == carrier with { UpdatedAt = default }) unchanged++;
            else { writes.Add((carrier, old.ETag)); updated++; }
        }
        if (errors.Count > 0) return Failed(errors);
        return await carriers.WriteBatchAsync(writes, ct) == WriteOutcome.Ok
            ? new ImportSummary(created, updated, unchanged)
            : ConcurrentChange;
    }
}
