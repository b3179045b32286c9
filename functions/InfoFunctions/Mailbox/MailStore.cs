using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using Microsoft.Extensions.Logging;

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
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(MailPk, mailId, cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    public async Task SaveAsync(MailRecord r, CancellationToken ct)
    {
        await _table.UpsertEntityAsync(new TableEntity(MailPk, r.MailId)
        {
            ["Status"] = r.Status.ToString(),
            ["From"] = r.From,
            ["FromName"] = r.FromName,
            ["Subject"] = r.Subject,
            ["MessageId"] = r.MessageId,
            ["RawSha256"] = r.RawSha256,
            ["BlobName"] = r.BlobName,
            ["ReceivedAt"] = r.ReceivedAt,
            ["PersonId"] = r.PersonId,
            ["ReportId"] = r.ReportId,
            ["TrackingNumber"] = r.TrackingNumber,
            ["Note"] = r.Note,
            ["DuplicateOf"] = r.DuplicateOf,
        }, TableUpdateMode.Replace, ct);
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

    public Task QuarantineAsync(QuarantineItem q, CancellationToken ct) =>
        _table.UpsertEntityAsync(new TableEntity(QuarantinePk, q.MailId)
        {
            ["From"] = q.From,
            ["FromName"] = q.FromName,
            ["Subject"] = q.Subject,
            ["Preview"] = q.Preview,
            ["AttachmentNames"] = JsonSerializer.Serialize(q.AttachmentNames, Json.Options),
            ["ReceivedAt"] = q.ReceivedAt,
        }, TableUpdateMode.Replace, ct);

    public async Task<QuarantineItem?> GetQuarantinedAsync(string mailId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(QuarantinePk, mailId, cancellationToken: ct);
        return e.HasValue ? ToQuarantine(e.Value!) : null;
    }

    public async Task<IReadOnlyList<QuarantineItem>> ListQuarantineAsync(CancellationToken ct)
    {
        var list = new List<QuarantineItem>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == QuarantinePk, cancellationToken: ct))
            list.Add(ToQuarantine(e));
        return list.OrderByDescending(q => q.ReceivedAt).ToList();
    }

    public async Task ReleaseQuarantineAsync(string mailId, CancellationToken ct)
    {
        try { await _table.DeleteEntityAsync(QuarantinePk, mailId, ETag.All, ct); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private static QuarantineItem ToQuarantine(TableEntity e) => new(
        e.RowKey, e.GetString("From") ?? "", e.GetString("FromName"), e.GetString("Subject") ?? "", e.GetString("Preview") ?? "",
        JsonSerializer.Deserialize<List<string>>(e.GetString("AttachmentNames") ?? "[]", Json.Options) ?? [], e.GetDateTimeOffset("ReceivedAt") ?? default);

    private static MailRecord FromEntity(TableEntity e) => new(
        e.RowKey, Enum.Parse<MailStatus>(e.GetString("Status")), e.GetString("From"), e.GetString("FromName"), e.GetString("Subject"),
        e.GetString("MessageId"), e.GetString("RawSha256") ?? "", e.GetString("BlobName") ?? "", e.GetDateTimeOffset("ReceivedAt") ?? default,
        e.GetString("PersonId"), e.GetString("ReportId"), e.GetString("TrackingNumber"), e.GetString("Note"), e.GetString("DuplicateOf"));
}
