using System.Globalization;
using Azure.Data.Tables;
using InfoFunctions.Dispatch;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Platform;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// The adoption register as the 通报 reads it: every carrier record marked adopted on a Beijing
/// day in [from, to), with its report's unit, category and authors and the carrier's level.
/// </summary>
public sealed class AdoptionRegister(ReportStore reports, CarrierStore carriers) : IAdoptionSource
{
    public async Task<IReadOnlyList<AdoptionRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        static string Day(DateTimeOffset t) => BusinessTime.DayOf(t).ToString("yyyy-MM-dd",
            CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter(
            $"Outcome eq {Outcomes.Adopted} and AdoptedOn ge {Day(from)} and AdoptedOn lt {Day(to)}");

        var tiers = new Dictionary<string, CarrierTier>();
        var reportCache = new Dictionary<string, Report?>();
        var list = new List<AdoptionRecord>();
        await foreach (var row in reports.BesideAnyAsync<CarrierRow>(CarrierRow.Kind, filter, ct))
        {
            var reportId = ReportRows.ReportIdOf(row.PartitionKey, row.RowKey);
            if (!reportCache.TryGetValue(reportId, out var report))
                reportCache[reportId] = report = (await reports.GetAsync(reportId, ct))?.Report;
            if (report is null) continue;

            var carrierId = row.CarrierId!;
            if (!tiers.TryGetValue(carrierId, out var tier))
            {
                var level = (await carriers.GetAsync(carrierId, ct))?.Value.Level;
                tier = level == CarrierLevel.Provincial ? CarrierTier.Provincial : CarrierTier.Municipal;
                tiers[carrierId] = tier;
            }

            list.Add(new AdoptionRecord(report.Id, report.UnitId, report.Category,
                report.Authors.Select(a => new BulletinAuthor(a.PersonId, a.Name, a.IsDeputy)).ToList(),
                carrierId, row.CarrierName ?? carrierId, tier,
                BusinessTime.StartOf(CarrierRow.Day(row.AdoptedOn)!.Value)));
        }
        return list;
    }
}
