using System.Text.Json;
using Azure.Data.Tables;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>What dispatch needs of a submitted report.</summary>
public sealed record ReportFacts(string Id, string UnitId, string Title, ReportCategory Category, IReadOnlyList<ReportAuthor> Authors,
    string? TopicId, string SubmittedBy, DateTimeOffset SubmittedAt)
{
    public BulletinReport ToBulletin() =>
        new(Id, UnitId, Title, Category, Authors.Select(a => new BulletinAuthor(a.PersonId, a.Name, a.IsDeputy)).ToList(), SubmittedAt);

    public bool IsBy(string personId) => SubmittedBy == personId || Authors.Any(a => a.PersonId == personId);
}

/// <summary>
/// Reads intake's reports table (layout documented on <see cref="ReportStore"/>: PK unit, RK newest-first key,
/// <c>Type = report</c>). Only the columns dispatch needs are selected, and each unit's period is a row-key range,
/// so a period over many units is one range query per unit, run a few at a time.
/// </summary>
public sealed class ReportReader(TableServiceClient tables)
{
    private static readonly string[] Columns = ["PartitionKey", "RowKey", "Type", "Title", "Category", "Authors", "TopicId", "SubmittedBy", "SubmittedAt"];
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Reports);

    public async Task<IReadOnlyList<ReportFacts>> InPeriodAsync(IEnumerable<string> unitIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct, int parallel = 8)
    {
        var all = new List<ReportFacts>();
        await Parallel.ForEachAsync(unitIds.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (unit, c) =>
        {
            var list = await UnitAsync(unit, from, to, null, c);
            lock (all) all.AddRange(list);
        });
        return all;
    }

    /// <summary>One unit's reports in [from, to), optionally only those naming a topic.</summary>
    public async Task<IReadOnlyList<ReportFacts>> UnitAsync(string unitId, DateTimeOffset from, DateTimeOffset to, string? topicId, CancellationToken ct)
    {
        // Newest first: later instants have smaller keys; '~' sorts after every hex digit.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {unitId} and RowKey gt {ReportIds.KeyPrefix(to) + "~"} and RowKey lt {ReportIds.KeyPrefix(from) + "~"} and Type eq 'report'");
        if (topicId is not null) filter += " and " + TableClient.CreateQueryFilter($"TopicId eq {topicId}");
        var list = new List<ReportFacts>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, 1000, Columns, ct))
        {
            var at = e.GetDateTimeOffset("SubmittedAt") ?? default;
            if (at < from || at >= to) continue; // keys are at millisecond precision
            list.Add(new ReportFacts($"{e.PartitionKey}{ReportIds.Separator}{e.RowKey}", e.PartitionKey, e.GetString("Title") ?? "",
                Enum.TryParse<ReportCategory>(e.GetString("Category"), out var cat) ? cat : ReportCategory.Other,
                e.GetString("Authors") is { } a ? JsonSerializer.Deserialize<List<ReportAuthor>>(a, Json.Options) ?? [] : [],
                e.GetString("TopicId"), e.GetString("SubmittedBy") ?? "", at));
        }
        return list;
    }
}
