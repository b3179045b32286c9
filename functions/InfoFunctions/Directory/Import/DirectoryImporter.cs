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
        var now = time.GetUtcNow();
        var stored = (await units.ListAsync(includeInactive: true, ct)).ToDictionary(v => v.Value.Id);
        var errors = new List<ImportError>();
        var drafts = new List<(int Line, UnitDraft Draft)>();
        var firstLine = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var fieldErrors = new List<FieldError>();
            var draft = DirectoryRules.ValidateUnit(row.Input, fieldErrors);
            if (draft is { Id: null }) fieldErrors.Add(new("id", "请填写单位编码（导入时编码用于识别单位，也供乡镇引用上级）。"));
            errors.AddRange(fieldErrors.Select(e => new ImportError(row.Line, column(e.Field), e.Message)));
            if (draft?.Id is not { } id || fieldErrors.Count > 0) continue;
            if (firstLine.TryGetValue(id, out var first))
                errors.Add(new ImportError(row.Line, column("id"), $"编码“{id}”与第 {first} 行重复。"));
            else
            {
                firstLine[id] = row.Line;
                drafts.Add((row.Line, draft));
            }
        }

        // The directory as it will be after the import, so a township may name a county further down the file.
        var final = stored.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        foreach (var (_, d) in drafts)
            final[d.Id!] = new Unit(d.Id!, d.Name, d.Level, d.ParentId, stored.TryGetValue(d.Id!, out var s) ? s.Value.Active : true, now);
        foreach (var (line, d) in drafts)
        {
            var fieldErrors = new List<FieldError>();
            if (final[d.Id!].Active)
                DirectoryRules.CheckUnitParent(d.Id, d.Level, d.ParentId, id => final.GetValueOrDefault(id), fieldErrors);
            if (d.Level != UnitLevel.County && final.Values.Any(u => u.Active && u.ParentId == d.Id))
                fieldErrors.Add(new("level", $"“{d.Name}”下有乡镇，级别只能是县区。"));
            errors.AddRange(fieldErrors.Select(e => new ImportError(line, column(e.Field), e.Message)));
        }
        if (errors.Count > 0) return ImportResult.Failed(errors);

        int created = 0, updated = 0, unchanged = 0;
        var writes = new List<(Unit, string?)>();
        foreach (var (_, d) in drafts)
        {
            var unit = final[d.Id!];
            if (stored.TryGetValue(unit.Id, out var old))
            {
                if (old.Value with { UpdatedAt = default } == unit with { UpdatedAt = default }) { unchanged++; continue; }
                writes.Add((unit, old.ETag));
                updated++;
            }
            else
            {
                writes.Add((unit, null));
                created++;
            }
        }
        return await units.WriteBatchAsync(writes, ct) == WriteOutcome.Ok
            ? new ImportResult(new ImportSummary(created, updated, unchanged), [])
            : ImportResult.ConcurrentChange;
    }

    public async Task<ImportResult> UpsertPeopleAsync(IReadOnlyList<PersonRow> rows, Func<string, string> column, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var unitsById = (await units.ListAsync(includeInactive: true, ct)).ToDictionary(v => v.Value.Id, v => v.Value);
        var stored = (await people.ListAsync(includeInactive: true, unitId: null, ct)).ToDictionary(v => DirectoryRules.NormalizeEmail(v.Value.Email));
        var storedIds = stored.Values.ToDictionary(v => v.Value.Id, v => DirectoryRules.NormalizeEmail(v.Value.Email));
        var errors = new List<ImportError>();
        var firstLine = new Dictionary<string, int>();
        var takenIds = new HashSet<string>();
        var planned = new List<(Person Person, Versioned<Person>? Old)>();
        foreach (var row in rows)
        {
            var fieldErrors = row.CellErrors.ToList();
            var draft = DirectoryRules.ValidatePerson(row.Input, fieldErrors);
            if (draft is not null)
            {
                var email = DirectoryRules.NormalizeEmail(draft.Email);
                var old = stored.GetValueOrDefault(email);
                var active = old?.Value.Active ?? true;
                var unit = unitsById.GetValueOrDefault(draft.UnitId);
                if (unit is null) fieldErrors.Add(new("unitId", $"单位编码“{draft.UnitId}”不存在，请先导入单位。"));
                else if (active && !unit.Active) fieldErrors.Add(new("unitId", $"单位“{unit.Name}”已停用。"));

                var id = old?.Value.Id ?? draft.Id ?? DirectoryRules.NewId("p");
                if (old is null && draft.Id is not null && storedIds.ContainsKey(draft.Id))
                    fieldErrors.Add(new("id", $"人员编号“{draft.Id}”已属于邮箱 {storedIds[draft.Id]}。"));
                if (firstLine.TryGetValue(email, out var first))
                    fieldErrors.Add(new("email", $"邮箱 {draft.Email} 与第 {first} 行重复。"));
                else firstLine[email] = row.Line;
                if (!takenIds.Add(id))
                    fieldErrors.Add(new("id", $"人员编号“{id}”在文件中重复。"));

                if (fieldErrors.Count == 0)
                    planned.Add((new Person(id, draft.Name, draft.Email, draft.Phone, draft.UnitId, draft.Roles, draft.Employment,
                        draft.IsDeputy, draft.AnnualQuota, active, now), old));
            }
            errors.AddRange(fieldErrors.Select(e => new ImportError(row.Line, column(e.Field), e.Message)));
        }
        if (errors.Count > 0) return ImportResult.Failed(errors);

        int created = 0, updated = 0, unchanged = 0;
        var writes = new List<PersonWrite>();
        foreach (var (person, old) in planned)
        {
            if (old is null)
            {
                writes.Add(new PersonWrite(person, null, null));
                created++;
            }
            else if (SamePerson(old.Value, person)) unchanged++;
            else
            {
                writes.Add(new PersonWrite(person, old.ETag, old.Value.Email));
                updated++;
            }
        }
        return await people.WriteBatchAsync(writes, ct) == WriteOutcome.Ok
            ? new ImportResult(new ImportSummary(created, updated, unchanged), [])
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

    private static bool SamePerson(Person a, Person b) =>
        a.Id == b.Id && a.Name == b.Name && a.Email == b.Email && a.Phone == b.Phone && a.UnitId == b.UnitId
        && a.Roles.SequenceEqual(b.Roles) && a.Employment == b.Employment && a.IsDeputy == b.IsDeputy
        && a.AnnualQuota == b.AnnualQuota && a.Active == b.Active;
}
