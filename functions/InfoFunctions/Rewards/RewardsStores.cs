using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InfoFunctions.Platform;

namespace InfoFunctions.Rewards;

/// <summary>Table Storage has no decimal: money is kept in fen and points in hundredths, both exact.</summary>
internal static class Fixed2
{
    public static long ToHundredths(decimal v) => (long)decimal.Round(v * 100, 0, MidpointRounding.AwayFromZero);
    public static decimal FromHundredths(long? v) => (v ?? 0) / 100m;
}

/// <summary>
/// Ledger lines: PK the period ("2026H1"), RK <c>party|event|line</c>. A period's lines are one
/// partition, sorted by party, so settlement reads them in one sequential scan with a running sum
/// per party; a redelivered line is an insert that conflicts.
/// </summary>
public sealed class LedgerStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Ledger);

    public static string RowKey(LedgerLine l) => $"{LedgerKeys.Party(l.PartyKind, LedgerKeys.Safe(l.PartyId))}|{LedgerKeys.Safe(l.EventId)}|{l.LineNo:D3}";

    public static TableEntity ToEntity(LedgerLine l) => new(l.Period, RowKey(l))
    {
        ["PartyKind"] = l.PartyKind.ToString(),
        ["PartyId"] = l.PartyId,
        ["PartyName"] = l.PartyName,
        ["EventId"] = l.EventId,
        ["LineNo"] = l.LineNo,
        ["EventKind"] = l.EventKind.ToString(),
        ["ReportId"] = l.ReportId,
        ["TrackingNumber"] = l.TrackingNumber,
        ["Title"] = l.Title,
        ["Issue"] = l.Issue,
        ["CarrierId"] = l.CarrierId,
        ["RuleVersion"] = l.RuleVersion,
        ["PointsX100"] = Fixed2.ToHundredths(l.Points),
        ["YuanFen"] = Fixed2.ToHundredths(l.Yuan),
        ["Reason"] = l.Reason,
        ["OccurredAt"] = l.OccurredAt,
        ["Adjustment"] = l.Adjustment,
        ["OriginalPeriod"] = l.OriginalPeriod,
    };

    public static LedgerLine FromEntity(TableEntity e) => new(
        e.PartitionKey, Enum.Parse<PartyKind>(e.GetString("PartyKind")), e.GetString("PartyId"), e.GetString("PartyName") ?? "",
        e.GetString("EventId") ?? "", e.GetInt32("LineNo") ?? 0, Enum.TryParse<LedgerEventKind>(e.GetString("EventKind"), out var k) ? k : LedgerEventKind.Adoption,
        e.GetString("ReportId") ?? "", e.GetString("TrackingNumber") ?? "", e.GetString("Title"), e.GetString("CarrierId"),
        e.GetInt32("RuleVersion") ?? 0, Fixed2.FromHundredths(e.GetInt64("PointsX100")), Fixed2.FromHundredths(e.GetInt64("YuanFen")),
        e.GetString("Reason") ?? "", e.GetDateTimeOffset("OccurredAt") ?? default, e.GetBoolean("Adjustment") ?? false,
        e.GetString("OriginalPeriod"), e.GetString("Issue"));

    /// <summary>Appends lines; lines already there (a redelivery) are left as they are.</summary>
    public async Task AppendAsync(IReadOnlyList<LedgerLine> lines, CancellationToken ct)
    {
        foreach (var group in lines.GroupBy(l => l.Period))
        {
            var batch = group.ToList();
            try
            {
                if (batch.Count <= 100)
                {
                    await _table.SubmitTransactionAsync(batch.Select(l => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(l))), ct);
                    continue;
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409) { /* some already written: one by one */ }
            foreach (var l in batch)
            {
                try { await _table.AddEntityAsync(ToEntity(l), ct); }
                catch (RequestFailedException ex) when (ex.Status == 409) { }
            }
        }
    }

    /// <summary>One period's lines in key order (grouped by party), streamed page by page.</summary>
    public async IAsyncEnumerable<LedgerLine> ScanAsync(HalfYear period, string? partyKeyPrefix = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = partyKeyPrefix is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {period.Key} and RowKey ge {partyKeyPrefix + "|"} and RowKey lt {partyKeyPrefix + "}"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            yield return FromEntity(e);
    }

    public async Task<long> CountAsync(HalfYear period, CancellationToken ct)
    {
        long n = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}"), maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct)) n++;
        return n;
    }

    /// <summary>Raw entities of a period (for the benchmark's "just read" baseline).</summary>
    public AsyncPageable<TableEntity> ReadRawAsync(HalfYear period, CancellationToken ct) =>
        _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {period.Key}"), maxPerPage: 1000, cancellationToken: ct);
}

/// <summary>
/// The ledger's per-report memory: PK the report, RK <c>head</c> (the <see cref="ReportLedgerState"/>,
/// guarded by its ETag so two facts about one report never count from the same state) and
/// <c>e|&lt;event&gt;</c> per applied fact with its message and lines (so a redelivery rewrites the same lines).
/// </summary>
public sealed class ReportLedgerStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.LedgerReports);
    private const string Head = "head";

    public sealed record Applied(LedgerMessage Message, IReadOnlyList<LedgerLine> Lines, int Sequence);

    public async Task<(ReportLedgerState State, ETag? ETag, int Sequence)> GetStateAsync(string reportId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.Safe(reportId), Head, cancellationToken: ct);
        if (!e.HasValue) return (ReportLedgerState.Empty, null, 0);
        return (JsonSerializer.Deserialize<ReportLedgerState>(e.Value!.GetString("State"), Json.Options) ?? ReportLedgerState.Empty, e.Value.ETag, e.Value.GetInt32("Sequence") ?? 0);
    }

    public async Task<Applied?> GetAppliedAsync(string reportId, string eventId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(LedgerKeys.Safe(reportId), "e|" + LedgerKeys.Safe(eventId), cancellationToken: ct);
        return e.HasValue ? ToApplied(e.Value!) : null;
    }

    /// <summary>Every applied fact of a report, in the order applied.</summary>
    public async Task<IReadOnlyList<Applied>> ListAppliedAsync(string reportId, CancellationToken ct)
    {
        var list = new List<Applied>();
        var pk = LedgerKeys.Safe(reportId);
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo("e|") >= 0 && x.RowKey.CompareTo("e}") < 0, cancellationToken: ct))
            list.Add(ToApplied(e));
        return list.OrderBy(a => a.Sequence).ToList();
    }

    /// <summary>Records a fact and the new state in one transaction; false when another fact or a redelivery got there first.</summary>
    public async Task<bool> TryRecordAsync(string reportId, ETag? etag, int sequence, ReportLedgerState state, LedgerMessage message, IReadOnlyList<LedgerLine> lines, CancellationToken ct)
    {
        var pk = LedgerKeys.Safe(reportId);
        var head = new TableEntity(pk, Head) { ["State"] = JsonSerializer.Serialize(state, Json.Options), ["Sequence"] = sequence };
        var row = new TableEntity(pk, "e|" + LedgerKeys.Safe(message.EventId))
        {
            ["Message"] = JsonSerializer.Serialize(message, Json.Options),
            ["Lines"] = JsonSerializer.Serialize(lines, Json.Options),
            ["Sequence"] = sequence,
        };
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, row),
                etag is { } t ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, t) : new TableTransactionAction(TableTransactionActionType.Add, head),
            ], ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412) { return false; }
    }

    private static Applied ToApplied(TableEntity e) => new(
        JsonSerializer.Deserialize<LedgerMessage>(e.GetString("Message"), Json.Options)!,
        JsonSerializer.Deserialize<List<LedgerLine>>(e.GetString("Lines"), Json.Options) ?? [],
        e.GetInt32("Sequence") ?? 0);
}

/// <summary>Standard versions: PK "standard", RK the version (zero-padded), the standard as JSON.</summary>
public sealed class StandardStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.RewardStandards);

    public async Task<IReadOnlyList<RewardStandard>> ListAsync(CancellationToken ct)
    {
        var list = new List<RewardStandard>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == "standard", cancellationToken: ct))
            list.Add(JsonSerializer.Deserialize<RewardStandard>(e.GetString("Json"), Json.Options)!);
        return list.OrderBy(s => s.Version).ToList();
    }

    /// <summary>False when the version number was taken meanwhile.</summary>
    public async Task<bool> AddAsync(RewardStandard s, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity("standard", s.Version.ToString("D6")) { ["Json"] = JsonSerializer.Serialize(s, Json.Options), ["EffectiveFrom"] = s.EffectiveFrom.ToString("yyyy-MM-dd") }, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409) { return false; }
    }
}
