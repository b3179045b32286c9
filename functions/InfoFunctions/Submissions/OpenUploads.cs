namespace InfoFunctions.Submissions;

/// <summary>
/// The upload links each person holds open (requested, neither confirmed nor expired), so that nobody stages
/// files without bound: one row per person in table <c>openuploads</c>, one property <c>u&lt;uploadId&gt;</c> = the
/// link's expiry per open link. The row is replaced at its ETag, so parallel requests cannot pass the cap together;
/// an expired link frees its place by itself.
/// </summary>
public sealed class OpenUploads(TableServiceClient tables, TimeProvider time)
{
    private const string Partition = "open";
    private const int Attempts = 5;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.OpenUploads);

    /// <summary>
    /// Takes a place for <paramref name="uploadId"/> if the person holds fewer than <paramref name="cap"/>: null
    /// when taken, otherwise when the earliest of their open links expires (when to try again).
    /// </summary>
    public async Task<DateTimeOffset?> TakeAsync(
        string personId, string uploadId, DateTimeOffset expires, int cap, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (etag, open) = await ReadAsync(personId, ct);
            if (open.Count >= cap) return open.Values.Min();
            open[uploadId] = expires;
            if (await TryWriteAsync(personId, etag, open, ct)) return null;
        }
        return time.GetUtcNow().AddSeconds(1); // others kept changing the row: a moment later
    }

    /// <summary>Frees the place of a confirmed upload; if this fails, the place frees when the link expires.</summary>
    public async Task ReleaseAsync(string personId, string uploadId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (etag, open) = await ReadAsync(personId, ct);
            if (!open.Remove(uploadId) || await TryWriteAsync(personId, etag, open, ct)) return;
        }
    }

    private async Task<(ETag? ETag, Dictionary<string, DateTimeOffset> Open)> ReadAsync(
        string personId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, personId, cancellationToken: ct);
        if (!row.HasValue) return (null, []);
        var now = time.GetUtcNow();
        var open = row.Value!.Keys.Where(k => k.StartsWith('u'))
            .Select(k => (Id: k[1..], Expires: row.Value.GetDateTimeOffset(k) ?? default))
            .Where(x => x.Expires > now).ToDictionary(x => x.Id, x => x.Expires);
        return (row.Value.ETag, open);
    }

    /// <summary>Writes the open links (dropping expired ones); false when someone changed the row first.</summary>
    private async Task<bool> TryWriteAsync(
        string personId, ETag? etag, Dictionary<string, DateTimeOffset> open, CancellationToken ct)
    {
        var row = new TableEntity(Partition, personId) { ["Type"] = "open-uploads" };
        foreach (var (id, expires) in open) row["u" + id] = expires;
        try
        {
            if (etag is { } tag) await _table.UpdateEntityAsync(row, tag, TableUpdateMode.Replace, ct);
            else await _table.AddEntityAsync(row, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404) { return false; }
    }
}
