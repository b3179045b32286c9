namespace InfoFunctions.Mailbox;

/// <summary>
/// The mailbox table: mail records (PK <c>mail</c>, RK mail id), de-duplication keys
/// (PK <c>dedup</c>, RK <c>raw-&lt;sha256&gt;</c> or <c>mid-&lt;hash of Message-ID|recipient&gt;</c>)
/// and the quarantine list of mail from unknown senders (PK <c>quarantine</c>, RK mail id).
/// </summary>
public sealed class MailStore(TableServiceClient tables, ILogger<MailStore> log)
{
    private const string MailPk = "mail", DedupPk = "dedup", QuarantinePk = "quarantine";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Mailbox);

    public async Task<MailRecord?> GetAsync(string mailId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<MailEntity>(MailPk, mailId, cancellationToken: ct);
        return e.HasValue ? e.Value!.ToRecord() : null;
    }

    public async Task SaveAsync(MailRecord r, CancellationToken ct)
    {
        await _table.UpsertEntityAsync(MailEntity.Of(MailPk, r), TableUpdateMode.Replace, ct);
        // For the "mail by outcome" query (infra): every outcome a mail reaches.
        if (r.Status is not (MailStatus.Received or MailStatus.Processing))
            OpsLog.Write(log, "mail-outcome", ("mail", r.MailId), ("outcome", r.Status.ToString().ToLowerInvariant()));
    }

    /// <summary>
    /// Claims a de-duplication key for <paramref name="mailId"/>. Returns the mail id that holds it:
    /// this one (first delivery, or a retry of it) or an earlier mail (a duplicate).
    /// </summary>
    public async Task<string> ClaimAsync(string key, string mailId, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(DedupPk, key) { ["MailId"] = mailId }, ct);
            return mailId;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var e = await _table.GetEntityAsync<TableEntity>(DedupPk, key, cancellationToken: ct);
            return e.Value.GetString("MailId");
        }
    }

    /// <summary>
    /// Mail records received in [<paramref name="since"/>, <paramref name="until"/>), oldest first (the row key
    /// begins with the UTC arrival time), optionally of one outcome; one page and the token for the next.
    /// </summary>
    public async Task<(IReadOnlyList<MailRecord> Items, string? Next)> ListAsync(MailStatus? outcome,
        DateTimeOffset since, DateTimeOffset? until, int pageSize, string? continuation, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MailPk} and RowKey ge {Key(since)}");
        if (until is { } u) filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {Key(u)}");
        if (outcome is { } o) filter += " and " + TableClient.CreateQueryFilter($"Status eq {o.ToString()}");
        await foreach (var page in _table.QueryAsync<MailEntity>(filter, pageSize, cancellationToken: ct)
            .AsPages(continuation, pageSize))
            return (page.Values.Select(e => e.ToRecord()).ToList(), page.ContinuationToken);
        return ([], null);

        static string Key(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }

    /// <summary>The first delivery of a mail: <paramref name="mailId"/>, or the mail it duplicates.</summary>
    public async Task<string> OriginalOfAsync(string mailId, CancellationToken ct) =>
        (await GetAsync(mailId, ct))?.DuplicateOf ?? mailId;

    public Task QuarantineAsync(QuarantineItem q, CancellationToken ct) =>
        _table.UpsertEntityAsync(QuarantineEntity.Of(QuarantinePk, q), TableUpdateMode.Replace, ct);

    public async Task<QuarantineItem?> GetQuarantinedAsync(string mailId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<QuarantineEntity>(QuarantinePk, mailId, cancellationToken: ct);
        return e.HasValue ? e.Value!.ToItem() : null;
    }

    public async Task<IReadOnlyList<QuarantineItem>> ListQuarantineAsync(CancellationToken ct)
    {
        var list = new List<QuarantineItem>();
        var quarantined = _table.QueryAsync<QuarantineEntity>(x => x.PartitionKey == QuarantinePk,
            cancellationToken: ct);
        await foreach (var e in quarantined) list.Add(e.ToItem());
        return list.OrderByDescending(q => q.ReceivedAt).ToList();
    }

    public async Task ReleaseQuarantineAsync(string mailId, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(QuarantinePk, mailId, ETag.All, ct); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }
}
