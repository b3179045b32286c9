using InfoFunctions.DirectoryFeature;

namespace InfoFunctions.Dispatch;

/// <summary>
/// Loads a period's inputs from storage: the directory's units, intake's reports (this period and the
/// previous one in one range query per unit), adoptions and points from their sources, topics and targets.
/// </summary>
public sealed class StorageBulletinSource(
    UnitStore units, ReportReader reports, IAdoptionSource adoptions, IPointsSource points, TopicService topics,
    TargetStore targets) : IBulletinSource
{
    public static BulletinUnit ToBulletinUnit(Unit u) =>
        new(u.Id, u.Name, LevelName(u.Level), u.Level == UnitLevel.Committee, u.ShortName);

    public static string LevelName(UnitLevel level) => level switch
    {
        UnitLevel.Committee => "委室",
        UnitLevel.Judicial => "法检",
        UnitLevel.County => "县区",
        _ => "乡镇",
    };

    public async Task<BulletinInputs> LoadAsync(DispatchPeriod period, CancellationToken ct)
    {
        var prev = period.Previous;
        var all = await units.ListAsync(includeInactive: true, ct);
        var reportTask = reports.InPeriodAsync(all.Select(u => u.Value.Id), prev.From, period.To, ct);
        var adoptionsNow = adoptions.LoadAsync(period.From, period.To, ct);
        var adoptionsPrev = adoptions.LoadAsync(prev.From, prev.To, ct);
        var pointsNow = points.LoadAsync(period.From, period.To, ct);
        var pointsPrev = points.LoadAsync(prev.From, prev.To, ct);
        var topicTask = topics.OutcomesAsync(period, ct);
        var targetTask = targets.ListAsync(period, ct);
        await Task.WhenAll(reportTask, adoptionsNow, adoptionsPrev, pointsNow, pointsPrev, topicTask, targetTask);

        var facts = reportTask.Result;
        var withReports = facts.Select(f => f.UnitId).ToHashSet();
        // Inactive units are listed only when they still submitted something.
        var listed = all.Select(v => v.Value).Where(u => u.Active || withReports.Contains(u.Id)).Select(ToBulletinUnit)
            .ToList();
        List<BulletinReport> In(DispatchPeriod p) =>
            facts.Where(f => p.Contains(f.SubmittedAt)).Select(f => f.ToBulletin()).ToList();
        return new BulletinInputs(period, listed,
            new PeriodFigures(In(period), adoptionsNow.Result, pointsNow.Result),
            new PeriodFigures(In(prev), adoptionsPrev.Result, pointsPrev.Result),
            topicTask.Result, targetTask.Result.Select(t => t.ToTarget()).ToList());
    }
}
