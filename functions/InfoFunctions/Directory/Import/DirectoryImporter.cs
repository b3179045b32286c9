namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>Either what was written, or every error found (and nothing written).</summary>
public sealed record ImportResult(ImportSummary? Summary, IReadOnlyList<ImportError> Errors, bool Concurrent = false)
{
    public static ImportResult Failed(IEnumerable<ImportError> errors) =>
        new(null, errors.OrderBy(e => e.Line).ToList());
    public static readonly ImportResult ConcurrentChange = new(null, [], Concurrent: true);
}

/// <summary>A row to upsert, with errors already found while reading its cells.</summary>
public sealed record UnitRow(int Line, UnitInput Input);
public sealed record PersonRow(int Line, PersonInput Input, IReadOnlyList<FieldError> CellErrors);

/// <summary>
/// Bulk upsert of units (by code) and people (by email). Validates every row against the file and
/// the stored directory first; only a file with no errors is written.
/// </summary>
public sealed class DirectoryImporter(UnitStore units, PersonStore people, CarrierStore carriers, TimeProvider time)
{
    public async Task<ImportResult> ImportUnitsAsync(SheetReadResult sheet, CancellationToken ct)
    {
        if (Header(sheet, ImportSheets.UnitColumns, out var map) is { } failed) return failed;
        var rows = sheet.Rows.Skip(1).Select(r => new UnitRow(r.Line, ImportSheets.ToUnitInput(map!, r))).ToList();
        return await UpsertUnitsAsync(rows, f => map!.HeaderOf(f, ImportSheets.UnitColumns), ct);
    }

    public async Task<ImportResult> ImportPeopleAsync(SheetReadResult sheet, CancellationToken ct)
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

    private static ImportResult? Header(SheetReadResult sheet, IReadOnlyList<ColumnSpec> specs, out ColumnMap? map)
    {
        map = null;
        if (sheet.Errors.Count > 0) return ImportResult.Failed(sheet.Errors);
        if (sheet.Rows.Count == 0) return ImportResult.Failed([new ImportError(1, null, "文件是空的：第一行应为表头。")]);
        var errors = new List<ImportError>();
        map = ColumnMap.FromHeader(sheet.Rows[0], specs, errors);
        if (errors.Count > 0) return ImportResult.Failed(errors);
        if (sheet.Rows.Count == 1) return ImportResult.Failed([new ImportError(sheet.Rows[0].Line, null, "文件只有表头，没有数据行。")]);
        return null;
    }

    public async Task<ImportResult> UpsertUnitsAsync(IReadOnlyList<UnitRow> rows, Func<string, string> column, CancellationToken ct)
    {
        var stored = await units.ListAsync(includeInactive: true, ct);
        var plan = ImportPlanning.PlanUnits(rows, stored, time.GetUtcNow(), column);
        if (plan.Errors.Count > 0) return ImportResult.Failed(plan.Errors);
        return await units.WriteBatchAsync(plan.Writes, ct) == WriteOutcome.Ok
            ? new ImportResult(plan.Summary, [])
            : ImportResult.ConcurrentChange;
    }

    public async Task<ImportResult> UpsertPeopleAsync(IReadOnlyList<PersonRow> rows, Func<string, string> column, CancellationToken ct)
    {
        var storedUnits = await units.ListAsync(includeInactive: true, ct);
        var storedPeople = await people.ListAsync(includeInactive: true, unitId: null, ct);
        var plan = ImportPlanning.PlanPeople(rows, storedUnits, storedPeople, time.GetUtcNow(), column);
        if (plan.Errors.Count > 0) return ImportResult.Failed(plan.Errors);
        return await people.WriteBatchAsync(plan.Writes, ct) == WriteOutcome.Ok
            ? new ImportResult(plan.Summary, [])
            : ImportResult.ConcurrentChange;
    }

    /// <summary>Carriers by id; used by the demo data set.</summary>
    public async Task<ImportResult> UpsertCarriersAsync(IReadOnlyList<CarrierInput> inputs, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stored = (await carriers.ListAsync(includeInactive: true, ct)).ToDictionary(v => v.Value.Id);
        var errors = new List<ImportError>();
        var writes = new List<(Carrier, string?)>();
        int created = 0, updated = 0, unchanged = 0, line = 0;
        foreach (var input in inputs)
        {
            line++;
            var fieldErrors = new List<FieldError>();
            var d = DirectoryRules.ValidateCarrier(input, fieldErrors);
            if (d is { Id: null }) fieldErrors.Add(new("id", "请填写载体编码。"));
            errors.AddRange(fieldErrors.Select(e => new ImportError(line, e.Field, e.Message)));
            if (d?.Id is null || fieldErrors.Count > 0) continue;
            var old = stored.GetValueOrDefault(d.Id);
            var carrier = new Carrier(d.Id, d.Name, d.Level, d.Kind, old?.Value.Active ?? true, now);
            if (old is null) { writes.Add((carrier, null)); created++; }
            else if (old.Value with { UpdatedAt = default } == carrier with { UpdatedAt = default }) unchanged++;
            else { writes.Add((carrier, old.ETag)); updated++; }
        }
        if (errors.Count > 0) return ImportResult.Failed(errors);
        return await carriers.WriteBatchAsync(writes, ct) == WriteOutcome.Ok
            ? new ImportResult(new ImportSummary(created, updated, unchanged), [])
            : ImportResult.ConcurrentChange;
    }
}
