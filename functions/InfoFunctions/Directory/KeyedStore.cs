namespace InfoFunctions.DirectoryFeature;

/// <summary>
/// One table partition of simple entities keyed by id (units, carriers), stored as <typeparamref name="TEntity"/>.
/// </summary>
public abstract class KeyedStore<T, TEntity>(TableServiceClient tables, string tableName, string partition)
    where T : class where TEntity : class, ITableEntity, new()
{
    protected readonly TableClient Table = tables.GetTableClient(tableName);
    protected string Partition { get; } = partition;

    protected abstract TEntity ToEntity(T value);
    protected abstract T FromEntity(TEntity entity);
    protected abstract bool IsActive(T value);

    public async Task<Versioned<T>?> GetAsync(string id, CancellationToken ct)
    {
        if (!DirectoryRules.IsValidId(id)) return null;
        var e = await Table.GetEntityIfExistsAsync<TEntity>(Partition, id, cancellationToken: ct);
        return e.HasValue ? new Versioned<T>(FromEntity(e.Value!), e.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<Versioned<T>>> ListAsync(bool includeInactive, CancellationToken ct)
    {
        var list = new List<Versioned<T>>();
        var inPartition = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in Table.QueryAsync<TEntity>(inPartition, cancellationToken: ct))
        {
            var value = FromEntity(e);
            if (includeInactive || IsActive(value)) list.Add(new(value, e.ETag.ToString()));
        }
        return list;
    }

    public async Task<WriteResult> AddAsync(T value, CancellationToken ct)
    {
        try
        {
            var r = await Table.AddEntityAsync(ToEntity(value), ct);
            return WriteResult.Ok(r.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return new(WriteOutcome.Exists);
        }
    }

    public async Task<WriteResult> ReplaceAsync(T value, string etag, CancellationToken ct)
    {
        try
        {
            var r = await Table.UpdateEntityAsync(ToEntity(value), new ETag(etag), TableUpdateMode.Replace, ct);
            return WriteResult.Ok(r.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return new(WriteOutcome.PreconditionFailed);
        }
    }

    /// <summary>
    /// Writes a validated batch: adds (no ETag) and replaces (with the ETag read during validation),
    /// in entity-group transactions of up to 100, so a batch of that size is all-or-nothing.
    /// </summary>
    public async Task<WriteOutcome> WriteBatchAsync(IReadOnlyList<(T Value, string? ETag)> items, CancellationToken ct)
    {
        foreach (var chunk in items.Chunk(100))
        {
            var actions = chunk.Select(i => i.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(i.Value))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(i.Value),
                    new ETag(i.ETag))).ToList();
            try
            {
                await Table.SubmitTransactionAsync(actions, ct);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                return WriteOutcome.PreconditionFailed;
            }
        }
        return WriteOutcome.Ok;
    }
}
