namespace InfoFunctions.Notifications;

/// <summary>
/// Who was notified of what, and the claim that keeps one idempotency key from sending twice to
/// one address. Row = (recipient email, hash of key): a claim is one insert, a check one point read,
/// and "everything sent to this address" one partition scan.
/// </summary>
public sealed class DeliveryLog(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.NotificationLog);

    public sealed record Target(string Email, string IdempotencyKey, string Template, string? PersonId, string? Name)
    {
        public string Partition => MailAddresses.Normalize(Email);
        public string KeyHash => DeliveryKeys.Hash(IdempotencyKey);
    }

    /// <summary>
    /// Claims the right to send. A fresh insert wins; a row left "retrying"/"failed", or "sending"
    /// and not renewed for <paramref name="claimTimeout"/> (a crashed worker), is taken over with its ETag. A row a
    /// provider event has marked (e.g. "processed": the provider accepted the mail) is done.
    /// </summary>
    public async Task<Claim> ClaimAsync(Target t, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken ct)
    {
        try
        {
            var added = await _table.AddEntityAsync(NewRow(t, DeliveryStatus.Sending, now, attempts: 1), ct);
            return new Claim(ClaimOutcome.Claimed, 1, ETag: added.Headers.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { }

        var existing = (await _table.GetEntityAsync<TableEntity>(t.Partition, t.KeyHash, cancellationToken: ct)).Value;
        var status = existing.GetString("Status");
        var claimedAt = existing.GetDateTimeOffset("ClaimedAt") ?? existing.Timestamp ?? now;
        var attempts = existing.GetInt32("Attempts") ?? 0;
        var takeOver = status is DeliveryStatus.Retrying or DeliveryStatus.Failed
            || (status == DeliveryStatus.Sending && claimedAt + claimTimeout <= now);
        if (!takeOver)
            return status == DeliveryStatus.Sending
                ? new Claim(ClaimOutcome.HeldElsewhere, attempts, claimedAt + claimTimeout)
                : new Claim(ClaimOutcome.AlreadyDone, attempts);

        existing["Status"] = DeliveryStatus.Sending;
        existing["ClaimedAt"] = now;
        existing["Attempts"] = attempts + 1;
        existing["UpdatedAt"] = now;
        try
        {
            var updated = await _table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Merge, ct);
            return new Claim(ClaimOutcome.Claimed, attempts + 1, ETag: updated.Headers.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new Claim(ClaimOutcome.HeldElsewhere, attempts, now + claimTimeout);
        }
    }

    /// <summary>
    /// Keeps a claim fresh while its mail is with the provider; null when the row changed meanwhile (a provider event
    /// marked it, or another delivery took it over), after which there is nothing left to keep.
    /// </summary>
    public async Task<ETag?> RenewAsync(Target t, ETag etag, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var renewed = await _table.UpdateEntityAsync(new TableEntity(t.Partition, t.KeyHash)
            {
                ["ClaimedAt"] = now,
                ["UpdatedAt"] = now,
            }, etag, TableUpdateMode.Merge, ct);
            return renewed.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { return null; }
    }

    public Task MarkSentAsync(Target t, string subject, SendReceipt receipt, DateTimeOffset now,
        CancellationToken ct) =>
        MergeAsync(t, now, ct, ("Status", DeliveryStatus.Sent), ("Sender", receipt.Sender), ("Subject", subject),
            ("ProviderMessageId", receipt.ProviderMessageId), ("SentAt", now));

    public Task MarkFailedAsync(Target t, string? sender, string status, string error, DateTimeOffset now,
        CancellationToken ct) =>
        MergeAsync(t, now, ct, ("Status", status), ("Sender", sender), ("LastError", Truncate(error, 4000)));

    /// <summary>Records that a person opted out, once; a later opt-in does not resend old notices.</summary>
    public async Task RecordOptOutAsync(Target t, DateTimeOffset now, CancellationToken ct)
    {
        try { await _table.AddEntityAsync(NewRow(t, DeliveryStatus.OptedOut, now, attempts: 0), ct); }
        catch (RequestFailedException ex) when (ex.Status == 409) { }
    }

    public async Task<DeliveryEntry?> FindAsync(string email, string idempotencyKey, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(MailAddresses.Normalize(email),
            DeliveryKeys.Hash(idempotencyKey), cancellationToken: ct);
        return e.HasValue ? ToEntry(e.Value!) : null;
    }

    /// <summary>Provider events applied, by <c>sg_event_id</c>: a partition no address can name.</summary>
    private const string EventsPartition = "~events";

    /// <summary>Whether the provider event was applied before (its post replayed or retried).</summary>
    public async Task<bool> SeenEventAsync(string eventId, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(EventsPartition, DeliveryKeys.Hash(eventId),
            select: ["PartitionKey"], cancellationToken: ct)).HasValue;

    public async Task MarkEventAsync(string eventId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(EventsPartition, DeliveryKeys.Hash(eventId))
            {
                ["EventId"] = eventId,
                ["AppliedAt"] = now,
            }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { }
    }

    /// <summary>Applies a provider event; false when no delivery row matches (mail not sent by us).</summary>
    public async Task<bool> ApplyEventAsync(string email, string keyHash, string status, string eventName,
        string? reason, DateTimeOffset at, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(MailAddresses.Normalize(email), keyHash,
                cancellationToken: ct);
            if (!found.HasValue) return false;
            var e = found.Value!;
            var changed = false;
            if (DeliveryStatus.Rank(status) >= DeliveryStatus.Rank(e.GetString("Status"))
                && DeliveryStatus.Rank(status) > 0)
            {
                e["Status"] = status;
                changed = true;
            }
            if (e.GetDateTimeOffset("LastEventAt") is not { } last || at >= last)
            {
                e["LastEvent"] = eventName;
                e["LastEventReason"] = reason is null ? "" : Truncate(reason, 2000);
                e["LastEventAt"] = at;
                changed = true;
            }
            if (!changed) return true;
            e["UpdatedAt"] = now;
            try
            {
                await _table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, ct);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412) { }
        }
        throw new InvalidOperationException("投递记录并发更新冲突，稍后重试。");
    }

    /// <summary>
    /// By address: one partition. By person: a filtered scan (the log is small; people change addresses).
    /// </summary>
    public async Task<IReadOnlyList<DeliveryEntry>> QueryAsync(string? email, string? personId, int take,
        CancellationToken ct)
    {
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey ne {EventsPartition}") };
        if (!string.IsNullOrWhiteSpace(email))
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {MailAddresses.Normalize(email)}"));
        if (!string.IsNullOrWhiteSpace(personId)) filters.Add(TableClient.CreateQueryFilter($"PersonId eq {personId}"));
        var list = new List<DeliveryEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(string.Join(" and ", filters), cancellationToken: ct))
            list.Add(ToEntry(e));
        return list.OrderByDescending(x => x.UpdatedAt).Take(take).ToList();
    }

    private async Task MergeAsync(Target t, DateTimeOffset now, CancellationToken ct,
        params (string Key, object? Value)[] values)
    {
        var e = new TableEntity(t.Partition, t.KeyHash) { ["UpdatedAt"] = now };
        foreach (var (k, v) in values)
            if (v is not null) e[k] = v;
        await _table.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Merge, ct);
    }

    private static TableEntity NewRow(Target t, string status, DateTimeOffset now, int attempts)
    {
        var e = new TableEntity(t.Partition, t.KeyHash)
        {
            ["Email"] = t.Email.Trim(),
            ["IdempotencyKey"] = t.IdempotencyKey,
            ["Template"] = t.Template,
            ["Status"] = status,
            ["Attempts"] = attempts,
            ["ClaimedAt"] = now,
            ["UpdatedAt"] = now,
        };
        if (t.PersonId is not null) e["PersonId"] = t.PersonId;
        if (t.Name is not null) e["Name"] = t.Name;
        return e;
    }

    private static DeliveryEntry ToEntry(TableEntity e) => new(
        e.GetString("Email") ?? e.PartitionKey, e.RowKey, e.GetString("IdempotencyKey") ?? "",
        e.GetString("Template") ?? "",
        e.GetString("PersonId"), e.GetString("Name"), e.GetString("Status") ?? "", e.GetString("Sender"),
        e.GetString("Subject"),
        e.GetInt32("Attempts") ?? 0, e.GetString("LastError"), e.GetDateTimeOffset("ClaimedAt"),
        e.GetDateTimeOffset("SentAt"),
        e.GetString("ProviderMessageId"), e.GetString("LastEvent"), e.GetString("LastEventReason"),
        e.GetDateTimeOffset("LastEventAt"),
        e.GetDateTimeOffset("UpdatedAt") ?? e.Timestamp ?? default);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
