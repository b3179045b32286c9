using InfoFunctions.Submissions;

namespace InfoFunctions.Dispatch;

/// <summary>What dispatch needs of a submitted report.</summary>
public sealed record ReportFacts(string Id, string UnitId, string Title, ReportCategory Category,
    IReadOnlyList<ReportAuthor> Authors,
    string? TopicId, string SubmittedBy, DateTimeOffset SubmittedAt)
{
    public BulletinReport ToBulletin() =>
        new(Id, UnitId, Title, Category, BulletinAuthor.Credited(Authors), SubmittedAt);

    public bool IsBy(string personId) =>
        SubmittedBy == personId || Authors.Any(a => a.PersonId == personId && !a.Unconfirmed);
}

/// <summary>
/// Reads intake's reports through <see cref="ReportStore"/>, which owns the table: each unit's period is a row-key
/// range of the columns a list needs, so a period over many units is one range query per unit, run a few at a time.
/// </summary>
public sealed class ReportReader(ReportStore reports)
{
    public async Task<IReadOnlyList<ReportFacts>> InPeriodAsync(
        IEnumerable<string> unitIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct, int parallel = 8)
    {
        var all = new List<ReportFacts>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct };
        await Parallel.ForEachAsync(unitIds.Distinct(), options, async (unit, c) =>
        {
            var list = await UnitAsync(unit, from, to, null, c);
            lock (all) all.AddRange(list);
        });
        return all;
    }

    /// <summary>One unit's reports in [from, to), optionally only those naming a topic.</summary>
    public async Task<IReadOnlyList<ReportFacts>> UnitAsync(
        string unitId, DateTimeOffset from, DateTimeOffset to, string? topicId, CancellationToken ct)
    {
        var list = new List<ReportFacts>();
        await foreach (var r in reports.InPeriodAsync(unitId, from, to, topicId, ct))
            list.Add(new ReportFacts(r.Id, r.PartitionKey, r.Title ?? "", r.CategoryValue, r.AuthorList, r.TopicId,
                r.SubmittedBy ?? "", r.SubmittedAt ?? default));
        return list;
    }
}
