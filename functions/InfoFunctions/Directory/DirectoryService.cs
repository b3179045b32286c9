namespace InfoFunctions.DirectoryFeature;

/// <summary>Create, update and deactivate units, people and carriers, keeping the directory's invariants.</summary>
public sealed class DirectoryService(UnitStore units, PersonStore people, CarrierStore carriers, TimeProvider time)
{
    // ---- Reading ----

    public async Task<IEnumerable<Unit>> ListUnitsAsync(bool includeInactive, CancellationToken ct) =>
        (await units.ListAsync(includeInactive, ct))
            .Select(v => v.Value)
            .OrderBy(u => u.Level)
            .ThenBy(u => u.ParentId)
            .ThenBy(u => u.Id, StringComparer.Ordinal);

    public async Task<Result<Versioned<Unit>>> GetUnitAsync(string id, CancellationToken ct) =>
        await units.GetAsync(id, ct) is { } v ? v : Problem.NotFound($"单位 {id}");

    public async Task<IEnumerable<Person>> ListPeopleAsync(
        bool includeInactive,
        string? unitId,
        CancellationToken ct
    ) =>
        (await people.ListAsync(includeInactive, unitId, ct))
            .Select(v => v.Value)
            .OrderBy(p => p.UnitId, StringComparer.Ordinal)
            .ThenBy(p => p.Id, StringComparer.Ordinal);

    /// <summary>
    /// A unit's active people by name, for naming co-authors: its officers and the office may read it.
    /// </summary>
    public async Task<Result<UnitMember[]>> ListMembersAsync(Principal caller, string unitId, CancellationToken ct)
    {
        if (!caller.CanAccessUnit(unitId))
            return Problem.Forbidden("只能查看本单位的人员名单。");
        return (await people.ListAsync(false, unitId, ct))
            .Select(v => new UnitMember(v.Value.Id, v.Value.Name, v.Value.IsDeputy))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Office roles read anyone; an officer only themselves.</summary>
    public async Task<Result<Versioned<Person>>> GetPersonAsync(Principal caller, string id, CancellationToken ct)
    {
        if (caller.Id != id && !caller.IsInRole(Role.Office))
            return Problem.Forbidden("信息员只能查看本人的信息。");
        return await people.GetAsync(id, ct) is { } v ? v : Problem.NotFound($"人员 {id}");
    }

    public async Task<IEnumerable<Carrier>> ListCarriersAsync(bool includeInactive, CancellationToken ct) =>
        (await carriers.ListAsync(includeInactive, ct))
            .Select(v => v.Value)
            .OrderBy(c => c.Level)
            .ThenBy(c => c.Id, StringComparer.Ordinal);

    public async Task<Result<Versioned<Carrier>>> GetCarrierAsync(string id, CancellationToken ct) =>
        await carriers.GetAsync(id, ct) is { } v ? v : Problem.NotFound($"载体 {id}");

    private static Problem Stale<T>(Versioned<T>? current, string what) =>
        current is null ? Problem.NotFound(what) : Problem.Stale(current.Value!, current.ETag);

    private static bool Matches(string? ifMatch, string etag) =>
        string.IsNullOrEmpty(ifMatch) || ifMatch == "*" || ifMatch.Split(',').Select(s => s.Trim()).Contains(etag);

    // ---- Units ----

    public async Task<Result<Versioned<Unit>>> CreateUnitAsync(UnitInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var draft = DirectoryRules.ValidateUnit(input, errors);
        if (draft is null)
            return Problem.Invalid(errors);
        await CheckParentAsync(draft.Id, draft.Level, draft.ParentId, errors, ct);
        if (errors.Count > 0)
            return Problem.Invalid(errors);

        var unit = new Unit(
            draft.Id ?? DirectoryRules.NewId("u"),
            draft.Name,
            draft.Level,
            draft.ParentId,
            draft.Active ?? true,
            time.GetUtcNow(),
            Unit.ShortNameAfter(draft.ShortName, null)
        );
        var r = await units.AddAsync(unit, ct);
        return r.Outcome == WriteOutcome.Ok
            ? new Versioned<Unit>(unit, r.ETag!)
            : Problem.Conflict("unit-exists", $"单位编码“{unit.Id}”已被使用。");
    }

    public async Task<Result<Versioned<Unit>>> UpdateUnitAsync(
        string id,
        UnitInput input,
        string? ifMatch,
        CancellationToken ct
    )
    {
        var current = await units.GetAsync(id, ct);
        if (current is null)
            return Problem.NotFound($"单位 {id}");
        if (!Matches(ifMatch, current.ETag))
            return Problem.Stale(current.Value, current.ETag);

        var errors = new List<FieldError>();
        if (DirectoryRules.Blank(input.Id) is { } bodyId && bodyId != id)
            errors.Add(new("id", "单位编码不能修改。"));
        var draft = DirectoryRules.ValidateUnit(input with { Id = id }, errors);
        if (draft is null || errors.Count > 0)
            return Problem.Invalid(errors);
        var active = draft.Active ?? current.Value.Active;
        if (active)
            await CheckParentAsync(id, draft.Level, draft.ParentId, errors, ct);
        if (errors.Count > 0)
            return Problem.Invalid(errors);

        if (
            current.Value.Level == UnitLevel.County
            && (draft.Level != UnitLevel.County || !active)
            && await HasActiveChildrenAsync(id, ct)
        )
            return Problem.Conflict(
                "unit-has-townships",
                $"“{current.Value.Name}”下仍有在用的乡镇，不能改为其他级别或停用。"
            );
        if (current.Value.Active && !active && await people.AnyActiveInUnitAsync(id, ct))
            return Problem.Conflict(
                "unit-has-active-people",
                $"“{current.Value.Name}”仍有在用人员，请先停用或调出这些人员。"
            );

        var unit = new Unit(
            id,
            draft.Name,
            draft.Level,
            draft.ParentId,
            active,
            time.GetUtcNow(),
            Unit.ShortNameAfter(draft.ShortName, current.Value.ShortName)
        );
        return await ReplaceUnitAsync(unit, current.ETag, ct);
    }

    public async Task<Result<Versioned<Unit>>> DeactivateUnitAsync(string id, CancellationToken ct)
    {
        var current = await units.GetAsync(id, ct);
        if (current is null)
            return Problem.NotFound($"单位 {id}");
        if (!current.Value.Active)
            return current;
        if (await people.AnyActiveInUnitAsync(id, ct))
            return Problem.Conflict(
                "unit-has-active-people",
                $"“{current.Value.Name}”仍有在用人员，请先停用或调出这些人员。"
            );
        if (await HasActiveChildrenAsync(id, ct))
            return Problem.Conflict(
                "unit-has-townships",
                $"“{current.Value.Name}”下仍有在用的乡镇，请先停用这些乡镇。"
            );
        return await ReplaceUnitAsync(
            current.Value with
            {
                Active = false,
                UpdatedAt = time.GetUtcNow(),
            },
            current.ETag,
            ct
        );
    }

    private async Task<Result<Versioned<Unit>>> ReplaceUnitAsync(Unit unit, string etag, CancellationToken ct)
    {
        var r = await units.ReplaceAsync(unit, etag, ct);
        return r.Outcome == WriteOutcome.Ok
            ? new Versioned<Unit>(unit, r.ETag!)
            : Stale(await units.GetAsync(unit.Id, ct), $"单位 {unit.Id}");
    }

    private async Task CheckParentAsync(
        string? selfId,
        UnitLevel level,
        string? parentId,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var parent = parentId is null ? null : (await units.GetAsync(parentId, ct))?.Value;
        DirectoryRules.CheckUnitParent(selfId, level, parentId, id => id == parent?.Id ? parent : null, errors);
    }

    private async Task<bool> HasActiveChildrenAsync(string id, CancellationToken ct) =>
        (await units.ListAsync(includeInactive: false, ct)).Any(u => u.Value.ParentId == id);

    // ---- People ----

    public async Task<Result<Versioned<Person>>> CreatePersonAsync(PersonInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var draft = DirectoryRules.ValidatePerson(input, errors);
        if (draft is null)
            return Problem.Invalid(errors);
        var active = draft.Active ?? true;
        await CheckPersonUnitAsync(draft.UnitId, active, errors, ct);
        if (errors.Count > 0)
            return Problem.Invalid(errors);
        if (await people.FindIdByEmailAsync(draft.Email, ct) is not null)
            return Problem.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。");

        var person = ToPerson(draft.Id ?? DirectoryRules.NewId("p"), draft, active);
        var r = await people.CreateAsync(person, ct);
        return r.Outcome switch
        {
            WriteOutcome.Ok => new Versioned<Person>(person, r.ETag!),
            WriteOutcome.Exists => Problem.Conflict("person-exists", $"人员编号“{person.Id}”已被使用。"),
            _ => Problem.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。"),
        };
    }

    public async Task<Result<Versioned<Person>>> UpdatePersonAsync(
        string id,
        PersonInput input,
        string? ifMatch,
        CancellationToken ct
    )
    {
        var current = await people.GetAsync(id, ct);
        if (current is null)
            return Problem.NotFound($"人员 {id}");
        if (!Matches(ifMatch, current.ETag))
            return Problem.Stale(current.Value, current.ETag);

        var errors = new List<FieldError>();
        if (DirectoryRules.Blank(input.Id) is { } bodyId && bodyId != id)
            errors.Add(new("id", "人员编号不能修改。"));
        var draft = DirectoryRules.ValidatePerson(input with { Id = null }, errors);
        if (draft is null || errors.Count > 0)
            return Problem.Invalid(errors);
        var active = draft.Active ?? current.Value.Active;
        // An inactive person may stay in a unit that has since been deactivated.
        await CheckPersonUnitAsync(draft.UnitId, active, errors, ct);
        if (errors.Count > 0)
            return Problem.Invalid(errors);

        var emailChanged =
            DirectoryRules.NormalizeEmail(draft.Email) != DirectoryRules.NormalizeEmail(current.Value.Email);
        if (emailChanged && await people.FindIdByEmailAsync(draft.Email, ct) is { } owner && owner != id)
            return Problem.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。");

        var person = ToPerson(id, draft, active);
        var r = await people.ReplaceAsync(person, current.ETag, current.Value.Email, ct);
        return r.Outcome switch
        {
            WriteOutcome.Ok => new Versioned<Person>(person, r.ETag!),
            WriteOutcome.EmailTaken or WriteOutcome.Exists => Problem.Conflict(
                "email-taken",
                $"电子邮箱 {draft.Email} 已登记给其他人员。"
            ),
            _ => Stale(await people.GetAsync(id, ct), $"人员 {id}"),
        };
    }

    public async Task<Result<Versioned<Person>>> DeactivatePersonAsync(string id, CancellationToken ct)
    {
        var current = await people.GetAsync(id, ct);
        if (current is null)
            return Problem.NotFound($"人员 {id}");
        if (!current.Value.Active)
            return current;
        var person = current.Value with { Active = false, UpdatedAt = time.GetUtcNow() };
        var r = await people.ReplaceAsync(person, current.ETag, current.Value.Email, ct);
        return r.Outcome == WriteOutcome.Ok
            ? new Versioned<Person>(person, r.ETag!)
            : Stale(await people.GetAsync(id, ct), $"人员 {id}");
    }

    private async Task CheckPersonUnitAsync(string unitId, bool active, List<FieldError> errors, CancellationToken ct)
    {
        var unit = (await units.GetAsync(unitId, ct))?.Value;
        if (unit is null)
            errors.Add(new("unitId", $"单位“{unitId}”不存在。"));
        else if (active && !unit.Active)
            errors.Add(new("unitId", $"单位“{unit.Name}”已停用。"));
    }

    private Person ToPerson(string id, PersonDraft d, bool active) =>
        new(
            id,
            d.Name,
            d.Email,
            d.Phone,
            d.UnitId,
            d.Roles,
            d.Employment,
            d.IsDeputy,
            d.AnnualQuota,
            active,
            time.GetUtcNow()
        );

    // ---- Carriers ----

    public async Task<Result<Versioned<Carrier>>> CreateCarrierAsync(CarrierInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var draft = DirectoryRules.ValidateCarrier(input, errors);
        if (draft is null)
            return Problem.Invalid(errors);
        var carrier = new Carrier(
            draft.Id ?? DirectoryRules.NewId("c"),
            draft.Name,
            draft.Level,
            draft.Kind,
            draft.Active ?? true,
            time.GetUtcNow(),
            draft.RequiresCaptions ?? false
        );
        var r = await carriers.AddAsync(carrier, ct);
        return r.Outcome == WriteOutcome.Ok
            ? new Versioned<Carrier>(carrier, r.ETag!)
            : Problem.Conflict("carrier-exists", $"载体编码“{carrier.Id}”已被使用。");
    }

    public async Task<Result<Versioned<Carrier>>> UpdateCarrierAsync(
        string id,
        CarrierInput input,
        string? ifMatch,
        CancellationToken ct
    )
    {
        var current = await carriers.GetAsync(id, ct);
        if (current is null)
            return Problem.NotFound($"载体 {id}");
        if (!Matches(ifMatch, current.ETag))
            return Problem.Stale(current.Value, current.ETag);
        var errors = new List<FieldError>();
        if (DirectoryRules.Blank(input.Id) is { } bodyId && bodyId != id)
            errors.Add(new("id", "载体编码不能修改。"));
        var draft = DirectoryRules.ValidateCarrier(input with { Id = id }, errors);
        if (draft is null || errors.Count > 0)
            return Problem.Invalid(errors);
        var carrier = new Carrier(
            id,
            draft.Name,
            draft.Level,
            draft.Kind,
            draft.Active ?? current.Value.Active,
            time.GetUtcNow(),
            draft.RequiresCaptions ?? current.Value.RequiresCaptions
        );
        return await ReplaceCarrierAsync(carrier, current.ETag, ct);
    }

    public async Task<Result<Versioned<Carrier>>> DeactivateCarrierAsync(string id, CancellationToken ct)
    {
        var current = await carriers.GetAsync(id, ct);
        if (current is null)
            return Problem.NotFound($"载体 {id}");
        if (!current.Value.Active)
            return current;
        return await ReplaceCarrierAsync(
            current.Value with
            {
                Active = false,
                UpdatedAt = time.GetUtcNow(),
            },
            current.ETag,
            ct
        );
    }

    private async Task<Result<Versioned<Carrier>>> ReplaceCarrierAsync(
        Carrier carrier,
        string etag,
        CancellationToken ct
    )
    {
        var r = await carriers.ReplaceAsync(carrier, etag, ct);
        return r.Outcome == WriteOutcome.Ok
            ? new Versioned<Carrier>(carrier, r.ETag!)
            : Stale(await carriers.GetAsync(carrier.Id, ct), $"载体 {carrier.Id}");
    }
}
