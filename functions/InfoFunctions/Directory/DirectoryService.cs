namespace InfoFunctions.DirectoryFeature;

public enum OutcomeKind { Ok, Created, Invalid, NotFound, Conflict, PreconditionFailed }

/// <summary>What a directory operation did; the function classes map it to HTTP.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, Versioned<T>? Result = null, IReadOnlyList<FieldError>? Errors = null, string? Code = null, string? Detail = null)
{
    public static Outcome<T> Ok(Versioned<T> v) => new(OutcomeKind.Ok, v);
    public static Outcome<T> Created(Versioned<T> v) => new(OutcomeKind.Created, v);
    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) => new(OutcomeKind.Invalid, Errors: errors);
    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound);
    public static Outcome<T> Conflict(string code, string detail) => new(OutcomeKind.Conflict, Code: code, Detail: detail);
    /// <summary>412 carries the current state, so the client can show what changed and retry.</summary>
    public static Outcome<T> Stale(Versioned<T>? current) => current is null ? NotFound() : new(OutcomeKind.PreconditionFailed, current);
}

/// <summary>Create, update and deactivate units, people and carriers, keeping the directory's invariants.</summary>
public sealed class DirectoryService(UnitStore units, PersonStore people, CarrierStore carriers, TimeProvider time)
{
    private static bool Matches(string? ifMatch, string etag) =>
        string.IsNullOrEmpty(ifMatch) || ifMatch == "*" || ifMatch.Split(',').Select(s => s.Trim()).Contains(etag);

    // ---- Units ----

    public async Task<Outcome<Unit>> CreateUnitAsync(UnitInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var draft = DirectoryRules.ValidateUnit(input, errors);
        if (draft is null) return Outcome<Unit>.Invalid(errors);
        await CheckParentAsync(draft.Id, draft.Level, draft.ParentId, errors, ct);
        if (errors.Count > 0) return Outcome<Unit>.Invalid(errors);

        var unit = new Unit(draft.Id ?? DirectoryRules.NewId("u"), draft.Name, draft.Level, draft.ParentId, draft.Active ?? true, time.GetUtcNow());
        var r = await units.AddAsync(unit, ct);
        return r.Outcome == WriteOutcome.Ok
            ? Outcome<Unit>.Created(new(unit, r.ETag!))
            : Outcome<Unit>.Conflict("unit-exists", $"单位编码“{unit.Id}”已被使用。");
    }

    public async Task<Outcome<Unit>> UpdateUnitAsync(string id, UnitInput input, string? ifMatch, CancellationToken ct)
    {
        var current = await units.GetAsync(id, ct);
        if (current is null) return Outcome<Unit>.NotFound();
        if (!Matches(ifMatch, current.ETag)) return Outcome<Unit>.Stale(current);

        var errors = new List<FieldError>();
        if (DirectoryRules.Blank(input.Id) is { } bodyId && bodyId != id)
            errors.Add(new("id", "单位编码不能修改。"));
        var draft = DirectoryRules.ValidateUnit(input with { Id = id }, errors);
        if (draft is null || errors.Count > 0) return Outcome<Unit>.Invalid(errors);
        var active = draft.Active ?? current.Value.Active;
        if (active) await CheckParentAsync(id, draft.Level, draft.ParentId, errors, ct);
        if (errors.Count > 0) return Outcome<Unit>.Invalid(errors);

        if (current.Value.Level == UnitLevel.County && (draft.Level != UnitLevel.County || !active) && await HasActiveChildrenAsync(id, ct))
            return Outcome<Unit>.Conflict("unit-has-townships", $"“{current.Value.Name}”下仍有在用的乡镇，不能改为其他级别或停用。");
        if (current.Value.Active && !active && await people.AnyActiveInUnitAsync(id, ct))
            return Outcome<Unit>.Conflict("unit-has-active-people", $"“{current.Value.Name}”仍有在用人员，请先停用或调出这些人员。");

        var unit = new Unit(id, draft.Name, draft.Level, draft.ParentId, active, time.GetUtcNow());
        return await ReplaceUnitAsync(unit, current.ETag, ct);
    }

    public async Task<Outcome<Unit>> DeactivateUnitAsync(string id, CancellationToken ct)
    {
        var current = await units.GetAsync(id, ct);
        if (current is null) return Outcome<Unit>.NotFound();
        if (!current.Value.Active) return Outcome<Unit>.Ok(current);
        if (await people.AnyActiveInUnitAsync(id, ct))
            return Outcome<Unit>.Conflict("unit-has-active-people", $"“{current.Value.Name}”仍有在用人员，请先停用或调出这些人员。");
        if (await HasActiveChildrenAsync(id, ct))
            return Outcome<Unit>.Conflict("unit-has-townships", $"“{current.Value.Name}”下仍有在用的乡镇，请先停用这些乡镇。");
        return await ReplaceUnitAsync(current.Value with { Active = false, UpdatedAt = time.GetUtcNow() }, current.ETag, ct);
    }

    private async Task<Outcome<Unit>> ReplaceUnitAsync(Unit unit, string etag, CancellationToken ct)
    {
        var r = await units.ReplaceAsync(unit, etag, ct);
        return r.Outcome == WriteOutcome.Ok ? Outcome<Unit>.Ok(new(unit, r.ETag!)) : Outcome<Unit>.Stale(await units.GetAsync(unit.Id, ct));
    }

    private async Task CheckParentAsync(string? selfId, UnitLevel level, string? parentId, List<FieldError> errors, CancellationToken ct)
    {
        var parent = parentId is null ? null : (await units.GetAsync(parentId, ct))?.Value;
        DirectoryRules.CheckUnitParent(selfId, level, parentId, id => id == parent?.Id ? parent : null, errors);
    }

    private async Task<bool> HasActiveChildrenAsync(string id, CancellationToken ct) =>
        (await units.ListAsync(includeInactive: false, ct)).Any(u => u.Value.ParentId == id);

    // ---- People ----

    public async Task<Outcome<Person>> CreatePersonAsync(PersonInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var draft = DirectoryRules.ValidatePerson(input, errors);
        if (draft is null) return Outcome<Person>.Invalid(errors);
        var active = draft.Active ?? true;
        await CheckPersonUnitAsync(draft.UnitId, active, errors, ct);
        if (errors.Count > 0) return Outcome<Person>.Invalid(errors);
        if (await people.FindIdByEmailAsync(draft.Email, ct) is not null)
            return Outcome<Person>.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。");

        var person = ToPerson(draft.Id ?? DirectoryRules.NewId("p"), draft, active);
        var r = await people.CreateAsync(person, ct);
        return r.Outcome switch
        {
            WriteOutcome.Ok => Outcome<Person>.Created(new(person, r.ETag!)),
            WriteOutcome.Exists => Outcome<Person>.Conflict("person-exists", $"人员编号“{person.Id}”已被使用。"),
            _ => Outcome<Person>.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。"),
        };
    }

    public async Task<Outcome<Person>> UpdatePersonAsync(string id, PersonInput input, string? ifMatch, CancellationToken ct)
    {
        var current = await people.GetAsync(id, ct);
        if (current is null) return Outcome<Person>.NotFound();
        if (!Matches(ifMatch, current.ETag)) return Outcome<Person>.Stale(current);

        var errors = new List<FieldError>();
        if (DirectoryRules.Blank(input.Id) is { } bodyId && bodyId != id)
            errors.Add(new("id", "人员编号不能修改。"));
        var draft = DirectoryRules.ValidatePerson(input with { Id = null }, errors);
        if (draft is null || errors.Count > 0) return Outcome<Person>.Invalid(errors);
        var active = draft.Active ?? current.Value.Active;
        // An inactive person may stay in a unit that has since been deactivated.
        await CheckPersonUnitAsync(draft.UnitId, active, errors, ct);
        if (errors.Count > 0) return Outcome<Person>.Invalid(errors);

        var emailChanged = DirectoryRules.NormalizeEmail(draft.Email) != DirectoryRules.NormalizeEmail(current.Value.Email);
        if (emailChanged && await people.FindIdByEmailAsync(draft.Email, ct) is { } owner && owner != id)
            return Outcome<Person>.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。");

        var person = ToPerson(id, draft, active);
        var r = await people.ReplaceAsync(person, current.ETag, current.Value.Email, ct);
        return r.Outcome switch
        {
            WriteOutcome.Ok => Outcome<Person>.Ok(new(person, r.ETag!)),
            WriteOutcome.EmailTaken or WriteOutcome.Exists => Outcome<Person>.Conflict("email-taken", $"电子邮箱 {draft.Email} 已登记给其他人员。"),
            _ => Outcome<Person>.Stale(await people.GetAsync(id, ct)),
        };
    }

    public async Task<Outcome<Person>> DeactivatePersonAsync(string id, CancellationToken ct)
    {
        var current = await people.GetAsync(id, ct);
        if (current is null) return Outcome<Person>.NotFound();
        if (!current.Value.Active) return Outcome<Person>.Ok(current);
        var person = current.Value with { Active = false, UpdatedAt = time.GetUtcNow() };
        var r = await people.ReplaceAsync(person, current.ETag, current.Value.Email, ct);
        return r.Outcome == WriteOutcome.Ok ? Outcome<Person>.Ok(new(person, r.ETag!)) : Outcome<Person>.Stale(await people.GetAsync(id, ct));
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
        new(id, d.Name, d.Email, d.Phone, d.UnitId, d.Roles, d.Employment, d.IsDeputy, d.AnnualQuota, active, time.GetUtcNow());

    // ---- Carriers ----

    public async Task<Outcome<Carrier>> CreateCarrierAsync(CarrierInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var draft = DirectoryRules.ValidateCarrier(input, errors);
        if (draft is null) return Outcome<Carrier>.Invalid(errors);
        var carrier = new Carrier(draft.Id ?? DirectoryRules.NewId("c"), draft.Name, draft.Level, draft.Kind, draft.Active ?? true, time.GetUtcNow());
        var r = await carriers.AddAsync(carrier, ct);
        return r.Outcome == WriteOutcome.Ok
            ? Outcome<Carrier>.Created(new(carrier, r.ETag!))
            : Outcome<Carrier>.Conflict("carrier-exists", $"载体编码“{carrier.Id}”已被使用。");
    }

    public async Task<Outcome<Carrier>> UpdateCarrierAsync(string id, CarrierInput input, string? ifMatch, CancellationToken ct)
    {
        var current = await carriers.GetAsync(id, ct);
        if (current is null) return Outcome<Carrier>.NotFound();
        if (!Matches(ifMatch, current.ETag)) return Outcome<Carrier>.Stale(current);
        var errors = new List<FieldError>();
        if (DirectoryRules.Blank(input.Id) is { } bodyId && bodyId != id)
            errors.Add(new("id", "载体编码不能修改。"));
        var draft = DirectoryRules.ValidateCarrier(input with { Id = id }, errors);
        if (draft is null || errors.Count > 0) return Outcome<Carrier>.Invalid(errors);
        var carrier = new Carrier(id, draft.Name, draft.Level, draft.Kind, draft.Active ?? current.Value.Active, time.GetUtcNow());
        return await ReplaceCarrierAsync(carrier, current.ETag, ct);
    }

    public async Task<Outcome<Carrier>> DeactivateCarrierAsync(string id, CancellationToken ct)
    {
        var current = await carriers.GetAsync(id, ct);
        if (current is null) return Outcome<Carrier>.NotFound();
        if (!current.Value.Active) return Outcome<Carrier>.Ok(current);
        return await ReplaceCarrierAsync(current.Value with { Active = false, UpdatedAt = time.GetUtcNow() }, current.ETag, ct);
    }

    private async Task<Outcome<Carrier>> ReplaceCarrierAsync(Carrier carrier, string etag, CancellationToken ct)
    {
        var r = await carriers.ReplaceAsync(carrier, etag, ct);
        return r.Outcome == WriteOutcome.Ok ? Outcome<Carrier>.Ok(new(carrier, r.ETag!)) : Outcome<Carrier>.Stale(await carriers.GetAsync(carrier.Id, ct));
    }
}
