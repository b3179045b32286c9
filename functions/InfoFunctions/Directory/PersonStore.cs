namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// People and their email index share one partition: row "id:&lt;personId&gt;" is the person and row
/// "email:&lt;lowercased email&gt;" points at it, so creating a person or changing an email is a single
/// entity-group transaction and two people can never hold the same address.
/// </summary>
public sealed class PersonStore(TableServiceClient tables, PrincipalCache principals)
{
    private const string Partition = "person";
    private const string IdPrefix = "id:";
    private const string EmailPrefix = "email:";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.People);

    public async Task<Versioned<Person>?> GetAsync(string personId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(personId) || personId.Length > 100) return null;
        var e = await _table.GetEntityIfExistsAsync<PersonEntity>(Partition, IdPrefix + personId,
            cancellationToken: ct);
        return e.HasValue ? new Versioned<Person>(FromEntity(e.Value!), e.Value!.ETag.ToString()) : null;
    }

    public async Task<string?> FindIdByEmailAsync(string email, CancellationToken ct)
    {
        var key = EmailKey(email);
        if (key.Length > 300) return null;
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: ct);
        return e.HasValue ? e.Value!.GetString("PersonId") : null;
    }

    public async Task<IReadOnlyList<Versioned<Person>>> ListAsync(bool includeInactive, string? unitId,
        CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {IdPrefix} and RowKey lt {"id;"}");
        if (unitId is not null) filter += " and " + TableClient.CreateQueryFilter($"UnitId eq {unitId}");
        if (!includeInactive) filter += " and Active eq true";
        var list = new List<Versioned<Person>>();
        await foreach (var e in _table.QueryAsync<PersonEntity>(filter, cancellationToken: ct))
            list.Add(new(FromEntity(e), e.ETag.ToString()));
        return list;
    }

    public async Task<bool> AnyActiveInUnitAsync(string unitId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and UnitId eq {unitId} and Active eq {true}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"],
            cancellationToken: ct).AsPages())
            if (page.Values.Count > 0) return true;
        return false;
    }

    public async Task<WriteResult> CreateAsync(Person person, CancellationToken ct) =>
        await WriteOneAsync(new PersonWrite(person, null, null), ct);

    public async Task<WriteResult> ReplaceAsync(Person person, string etag, string previousEmail,
        CancellationToken ct) =>
        await WriteOneAsync(new PersonWrite(person, etag, previousEmail), ct);

    private async Task<WriteResult> WriteOneAsync(PersonWrite write, CancellationToken ct)
    {
        var actions = Actions(write);
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, ct);
            var etag = response.Value.Count > 0 ? response.Value[0].Headers.ETag?.ToString() : null;
            // Some emulators leave sub-response ETags out; read it back rather than return none.
            etag ??= (await GetAsync(write.Person.Id, ct))?.ETag ?? "";
            principals.ForgetPerson(write.Person.Id); // roles, unit or status may have changed
            return WriteResult.Ok(etag);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return new(Classify(ex, actions));
        }
    }

    /// <summary>
    /// Writes many people, each person's rows kept in the same transaction, up to 100 rows per
    /// transaction (so an import of up to ~50 people is all-or-nothing).
    /// </summary>
    public async Task<WriteOutcome> WriteBatchAsync(IReadOnlyList<PersonWrite> writes, CancellationToken ct)
    {
        var batch = new List<TableTransactionAction>();
        foreach (var w in writes)
        {
            var actions = Actions(w);
            if (batch.Count + actions.Count > 100)
            {
                if (await SubmitAsync(batch, ct) is var o and not WriteOutcome.Ok) return o;
                batch.Clear();
            }
            batch.AddRange(actions);
        }
        var outcome = batch.Count > 0 ? await SubmitAsync(batch, ct) : WriteOutcome.Ok;
        foreach (var w in writes) principals.ForgetPerson(w.Person.Id);
        return outcome;
    }

    private async Task<WriteOutcome> SubmitAsync(List<TableTransactionAction> actions, CancellationToken ct)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, ct);
            return WriteOutcome.Ok;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return Classify(ex, actions);
        }
    }

    /// <summary>409: an add hit an existing row (which one, from the failed action); 412/404: a stale ETag.</summary>
    private static WriteOutcome Classify(TableTransactionFailedException ex,
        IReadOnlyList<TableTransactionAction> actions)
    {
        if (ex.Status != 409) return WriteOutcome.PreconditionFailed;
        var failed = ex.FailedTransactionActionIndex is { } i && i < actions.Count ? actions[i].Entity.RowKey : null;
        return failed is not null && failed.StartsWith(IdPrefix, StringComparison.Ordinal) ? WriteOutcome.Exists
            : WriteOutcome.EmailTaken;
    }

    private static List<TableTransactionAction> Actions(PersonWrite w)
    {
        var p = w.Person;
        var actions = new List<TableTransactionAction>
        {
            w.ETag is null
                ? new(TableTransactionActionType.Add, ToEntity(p))
                : new(TableTransactionActionType.UpdateReplace, ToEntity(p), new ETag(w.ETag)),
        };
        var newKey = EmailKey(p.Email);
        if (w.PreviousEmail is null || EmailKey(w.PreviousEmail) != newKey)
        {
            if (w.PreviousEmail is not null)
                actions.Add(new(TableTransactionActionType.Delete,
                    new TableEntity(Partition, EmailKey(w.PreviousEmail)), ETag.All));
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition,
                newKey)
            { ["PersonId"] = p.Id }));
        }
        return actions;
    }

    private static string EmailKey(string email) => EmailPrefix + DirectoryRules.NormalizeEmail(email);

    private static PersonEntity ToEntity(Person p) => PersonEntity.Of(Partition, IdPrefix + p.Id, p);

    private static Person FromEntity(PersonEntity e) => e.ToPerson(e.RowKey[IdPrefix.Length..]);
}
