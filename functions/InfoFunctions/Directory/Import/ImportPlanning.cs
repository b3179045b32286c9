namespace InfoFunctions.DirectoryFeature.Import;

/// <summary>
/// Validates import rows against each other and against the stored directory, and decides which
/// rows create, update or leave an entity unchanged. Any error means an empty plan.
/// </summary>
public static class ImportPlanning
{
    public static ImportPlan<(Unit Unit, string? ETag)> PlanUnits(
        IReadOnlyList<UnitRow> rows, IReadOnlyList<Versioned<Unit>> storedUnits, DateTimeOffset now, Func<string,
        string> column)
    {
        var stored = storedUnits.ToDictionary(v => v.Value.Id);
        var errors = new List<FieldError>();
        var drafts = new List<(int Line, UnitDraft Draft)>();
        var firstLine = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var fieldErrors = new List<FieldError>();
            var draft = DirectoryRules.ValidateUnit(row.Input, fieldErrors);
            if (draft is { Id: null }) fieldErrors.Add(new("id", "请填写单位编码（导入时编码用于识别单位，也供乡镇引用上级）。"));
            errors.AddRange(fieldErrors.Select(e => FieldError.AtLine(row.Line, column(e.Field), e.Message)));
            if (draft?.Id is not { } id || fieldErrors.Count > 0) continue;
            if (firstLine.TryGetValue(id, out var first))
                errors.Add(FieldError.AtLine(row.Line, column("id"), $"编码“{id}”与第 {first} 行重复。"));
            else
            {
                firstLine[id] = row.Line;
                drafts.Add((row.Line, draft));
            }
        }

        // The directory as it will be after the import, so a township may name a county further down the file.
        // Import leaves an existing unit's active flag alone: deactivation is an explicit act.
        var final = stored.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        foreach (var (_, d) in drafts)
            final[d.Id!] = new Unit(d.Id!, d.Name, d.Level, d.ParentId,
                stored.TryGetValue(d.Id!, out var s) ? s.Value.Active : true, now,
                Unit.ShortNameAfter(d.ShortName, s?.Value.ShortName));
        foreach (var (line, d) in drafts)
        {
            var fieldErrors = new List<FieldError>();
            if (final[d.Id!].Active)
                DirectoryRules.CheckUnitParent(d.Id, d.Level, d.ParentId, id => final.GetValueOrDefault(id),
                    fieldErrors);
            if (d.Level != UnitLevel.County && final.Values.Any(u => u.Active && u.ParentId == d.Id))
                fieldErrors.Add(new("level", $"“{d.Name}”下有乡镇，级别只能是县区。"));
            errors.AddRange(fieldErrors.Select(e => FieldError.AtLine(line, column(e.Field), e.Message)));
        }
        if (errors.Count > 0) return new([], new(0, 0, 0), Sorted(errors));

        int created = 0, updated = 0, unchanged = 0;
        var writes = new List<(Unit, string?)>();
        foreach (var (_, d) in drafts)
        {
            var unit = final[d.Id!];
            if (stored.TryGetValue(unit.Id, out var old))
            {
                if (old.Value with { UpdatedAt = default } == unit with { UpdatedAt = default })
                {
                    unchanged++;
                    continue;
                }
                writes.Add((unit, old.ETag));
                updated++;
            }
            else
            {
                writes.Add((unit, null));
                created++;
            }
        }
        return new(writes, new(created, updated, unchanged), []);
    }

    /// <summary>People are matched by email: a known address updates that person, a new one creates a person.</summary>
    public static ImportPlan<PersonWrite> PlanPeople(
        IReadOnlyList<PersonRow> rows, IReadOnlyList<Versioned<Unit>> storedUnits,
        IReadOnlyList<Versioned<Person>> storedPeople,
        DateTimeOffset now, Func<string, string> column)
    {
        var unitsById = storedUnits.ToDictionary(v => v.Value.Id, v => v.Value);
        var stored = storedPeople.ToDictionary(v => DirectoryRules.NormalizeEmail(v.Value.Email));
        var storedIds = storedPeople.ToDictionary(v => v.Value.Id, v => v.Value.Email);
        var errors = new List<FieldError>();
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
                if (old is null && draft.Id is not null && storedIds.TryGetValue(draft.Id, out var owner))
                    fieldErrors.Add(new("id", $"人员编号“{draft.Id}”已属于邮箱 {owner}。"));
                if (firstLine.TryGetValue(email, out var first))
                    fieldErrors.Add(new("email", $"邮箱 {draft.Email} 与第 {first} 行重复。"));
                else
                {
                    firstLine[email] = row.Line;
                    if (!takenIds.Add(id)) fieldErrors.Add(new("id", $"人员编号“{id}”在文件中重复。"));
                }

                if (fieldErrors.Count == 0)
                    planned.Add((new Person(id, draft.Name, draft.Email, draft.Phone, draft.UnitId, draft.Roles,
                        draft.Employment,
                        draft.IsDeputy, draft.AnnualQuota, active, now), old));
            }
            errors.AddRange(fieldErrors.Select(e => FieldError.AtLine(row.Line, column(e.Field), e.Message)));
        }
        if (errors.Count > 0) return new([], new(0, 0, 0), Sorted(errors));

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
        return new(writes, new(created, updated, unchanged), []);
    }

    private static List<FieldError> Sorted(List<FieldError> errors) => errors.OrderBy(e => e.Line).ToList();

    private static bool SamePerson(Person a, Person b) =>
        a.Id == b.Id && a.Name == b.Name && a.Email == b.Email && a.Phone == b.Phone && a.UnitId == b.UnitId
        && a.Roles.SequenceEqual(b.Roles) && a.Employment == b.Employment && a.IsDeputy == b.IsDeputy
        && a.AnnualQuota == b.AnnualQuota && a.Active == b.Active;
}
