using System.Runtime.CompilerServices;
using InfoFunctions.DirectoryFeature;
using InfoFunctions.Dispatch;
using InfoFunctions.Submissions;

namespace InfoFunctions.Review;

/// <summary>
/// The adoption register: every carrier record marked adopted on a Beijing day in a range, with its report.
/// The 通报 reads it as <see cref="IAdoptionSource"/>; the office reads it whole (<see cref="ListAsync"/>).
/// </summary>
public sealed class AdoptionRegister(ReportStore reports, CarrierStore carriers) : IAdoptionSource
{
    public async Task<IReadOnlyList<AdoptionRecord>> LoadAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var tiers = new Dictionary<string, CarrierTier>();
        var list = new List<AdoptionRecord>();
        await foreach (var (row, report) in AdoptedAsync(BusinessTime.DayOf(from), BusinessTime.DayOf(to), ct))
        {
            var carrierId = row.CarrierId!;
            if (!tiers.TryGetValue(carrierId, out var tier))
            {
                var level = (await carriers.GetAsync(carrierId, ct))?.Value.Level;
                tier = level == CarrierLevel.Provincial ? CarrierTier.Provincial : CarrierTier.Municipal;
                tiers[carrierId] = tier;
            }

            list.Add(new AdoptionRecord(report.Id, report.UnitId, report.Category,
                BulletinAuthor.Credited(report.Authors),
                carrierId, row.CarrierName ?? carrierId, tier,
                BusinessTime.StartOf(CarrierRow.Day(row.AdoptedOn)!.Value)));
        }
        return list;
    }

    /// <summary>
    /// Adoptions from <paramref name="from"/> to <paramref name="to"/> (Beijing days, both included).
    /// </summary>
    public async Task<Result<IReadOnlyList<AdoptionRegisterRow>>> ListAsync(string? from, string? to,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!BusinessTime.TryParseDay(from, out var first))
            errors.Add(new("from", $"起始日期应为 {InputRules.DayHint}。"));
        if (!BusinessTime.TryParseDay(to, out var last))
            errors.Add(new("to", $"截止日期应为 {InputRules.DayHint}。"));
        else if (errors.Count == 0 && last < first) errors.Add(new("to", "截止日期不能早于起始日期。"));
        if (errors.Count > 0)
            return Problem.Invalid("invalid-query", string.Join(" ", errors.Select(e => e.Message)), errors);

        var list = new List<AdoptionRegisterRow>();
        await foreach (var (row, r) in AdoptedAsync(first, last.AddDays(1), ct))
            list.Add(new AdoptionRegisterRow(r.Id, r.TrackingNumber, r.Title, r.UnitId, r.Category,
                r.Authors.Select(a => a.Name).ToList(), row.CarrierId!, row.CarrierName ?? row.CarrierId!,
                CarrierRow.Day(row.AdoptedOn)!.Value, row.Issue, row.Page, row.Url, row.EndorsementLevel,
                row.EndorsedBy, row.EndorsementText));
        return list.OrderByDescending(x => x.AdoptedOn).ThenBy(x => x.TrackingNumber, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Carrier records adopted on a Beijing day in [from, to), each with its report (read once).</summary>
    private async IAsyncEnumerable<(CarrierRow Row, Report Report)> AdoptedAsync(DateOnly from, DateOnly to,
        [EnumeratorCancellation] CancellationToken ct)
    {
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter(
            $"Outcome eq {Outcomes.Adopted} and AdoptedOn ge {Day(from)} and AdoptedOn lt {Day(to)}");
        var reportCache = new Dictionary<string, Report?>();
        await foreach (var row in reports.BesideAnyAsync<CarrierRow>(CarrierRow.Kind, filter, ct))
        {
            var reportId = ReportRows.ReportIdOf(row.PartitionKey, row.RowKey);
            if (!reportCache.TryGetValue(reportId, out var report))
                reportCache[reportId] = report = (await reports.GetAsync(reportId, ct))?.Report;
            if (report is not null) yield return (row, report);
        }
    }
}
