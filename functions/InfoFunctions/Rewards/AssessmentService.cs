using InfoFunctions.DirectoryFeature;
using InfoFunctions.Notifications;
using InfoFunctions.Submissions;

namespace InfoFunctions.Rewards;

/// <summary>
/// 年底集中考核: after the (Beijing) year ends, every active person with a quota is assessed: reports
/// submitted in the year (as an author, withdrawn ones not counted) and reports adopted (adoption lines in the
/// year's two ledger periods, or reports marked adopted) against the annual plus rotation quota. The sheet is
/// stored (table <c>assessments</c>: PK year, RK <c>summary</c> / <c>p|person</c> / <c>r|person</c>) and each person is
/// told (the notices committed with the summary in its outbox).
/// </summary>
public sealed class AssessmentService(
    TableServiceClient tables, PersonStore people, UnitStore units, ReportStore reports, LedgerStore ledger,
    MessageOutbox outbox, TimeProvider time, ILogger<AssessmentService> log)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Assessments);

    public static bool YearEnded(int year, DateTimeOffset now) => BusinessTime.DayOf(now).Year > year;

    /// <summary>A rotating person's extra quota for the year (轮岗任务), added to their annual one.</summary>
    public async Task<Result<RotationQuotaInput>> SetRotationQuotaAsync(
        string yearText, RotationQuotaInput input, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        if (string.IsNullOrWhiteSpace(input.PersonId) || input.Quota is not (>= 0 and <= 1000))
            return Problem.Invalid("invalid-rotation", "请填写人员编号（personId）和 0 到 1000 之间的轮岗任务数（quota）。");
        var personId = input.PersonId.Trim();
        await _table.UpsertEntityAsync(new TableEntity(year.ToString(), "r|" + LedgerKeys.Safe(personId))
        {
            ["PersonId"] = personId,
            ["Quota"] = input.Quota.Value,
            ["Note"] = input.Note,
        }, TableUpdateMode.Replace, ct);
        return input;
    }

    /// <summary>An admin's run, once the Beijing year has ended.</summary>
    public async Task<Result<AssessmentSheet>> RunAsync(string yearText, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        if (!YearEnded(year, time.GetUtcNow()))
            return Problem.Conflict("year-open", $"{year}年尚未结束（北京时间），年底集中考核须在年度结束后进行。");
        return await RunAsync(year, ct);
    }

    public async Task<Result<AssessmentSheet>> GetAsync(string yearText, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        return await GetAsync(year, ct) is { } sheet ? sheet : Problem.NotFound($"{year}年度考核结果");
    }

    public async Task<Result<AssessmentRow>> GetRowAsync(string yearText, Principal who, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        return await GetRowAsync(year, who.Id, ct) is { } row ? row : Problem.NotFound($"您{year}年度的考核结果");
    }

    /// <summary>
    /// The timer: assesses last year once (a run missed while the app was down happens on the next day's run).
    /// </summary>
    public async Task AssessDueAsync(CancellationToken ct)
    {
        var year = BusinessTime.DayOf(time.GetUtcNow()).Year - 1;
        if ((await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "summary",
            cancellationToken: ct)).HasValue) return;
        await RunAsync(year, ct);
    }

    public async Task<AssessmentSheet> RunAsync(int year, CancellationToken ct)
    {
        var pk = year.ToString();
        var rotation = new Dictionary<string, int>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x =>
            x.PartitionKey == pk && x.RowKey.CompareTo("r|") >= 0 && x.RowKey.CompareTo("r}") < 0,
            cancellationToken: ct))
            rotation[e.GetString("PersonId")] = e.GetInt32("Quota") ?? 0;

        // Submitted and adopted reports per author, from one pass over the year's reports.
        var from = BusinessTime.StartOf(new DateOnly(year, 1, 1));
        var to = BusinessTime.StartOf(new DateOnly(year + 1, 1, 1));
        var submitted = new Dictionary<string, HashSet<string>>();
        var adopted = new Dictionary<string, HashSet<string>>();
        string? continuation = null;
        do
        {
            var page = await reports.ListAsync(new ReportQuery(null, null, null, from, to, null), 1000, continuation,
                ct);
            foreach (var r in page.Items.Where(r => r.Status != ReportStatus.Withdrawn))
                foreach (var a in r.Authors.Where(a => a.PersonId is { Length: > 0 }))
                {
                    Add(submitted, a.PersonId!, r.Id);
                    if (r.Status == ReportStatus.Adopted) Add(adopted, a.PersonId!, r.Id);
                }
            continuation = page.ContinuationToken;
        } while (continuation is not null);
        foreach (var period in new[] { new HalfYear(year, 1), new HalfYear(year, 2) })
            await foreach (var l in ledger.ScanAsync(period, ct: ct))
                if (l.PartyKind == PartyKind.Person && l.EventKind == LedgerEventKind.Adoption
                    && !l.Adjustment) Add(adopted, l.PartyId, l.ReportId);

        var unitNames = (await units.ListAsync(includeInactive: true, ct))
            .ToDictionary(u => u.Value.Id, u => u.Value.Name);
        var rows = (await people.ListAsync(includeInactive: false, unitId: null, ct))
            .Select(v => v.Value)
            .Where(p => p.AnnualQuota > 0 || rotation.ContainsKey(p.Id))
            .Select(p =>
                AssessmentRules.Assess(year, p.Id, p.Name, p.UnitId, unitNames.GetValueOrDefault(p.UnitId),
                p.AnnualQuota,
                rotation.GetValueOrDefault(p.Id), submitted.GetValueOrDefault(p.Id)?.Count ?? 0,
                adopted.GetValueOrDefault(p.Id)?.Count ?? 0))
            .OrderBy(r => r.UnitId, StringComparer.Ordinal).ThenBy(r => r.PersonId, StringComparer.Ordinal)
            .ToList();

        var sheet = new AssessmentSheet(year, time.GetUtcNow(), rows.Count, rows.Count(r => r.Completed), rows);
        foreach (var chunk in rows.Chunk(100))
            await _table.SubmitTransactionAsync(chunk.Select(r =>
                new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(pk,
                    "p|" + LedgerKeys.Safe(r.PersonId))
                { ["Json"] = JsonSerializer.Serialize(r, Json.Options) })), ct);
        // Each person's notice is committed with the summary (its outbox) and sent right after.
        var notices = await outbox.StageAsync(StorageNames.Tables.Assessments, pk, rows.Select(r =>
            NotificationQueue.Outgoing(NotificationMessage.Create(
                // Keyed by the result: a re-run with the same figures tells nobody twice.
                $"year-end-assessment:{year}:{r.PersonId}:{r.Quota}:{r.Submitted}:{r.Adopted}",
                Templates.YearEndAssessment, NotificationTo.Person(r.PersonId), new
                {
                    recipientName = r.Name,
                    year = year.ToString(),
                    quota = r.Quota,
                    submitted = r.Submitted,
                    adopted = r.Adopted,
                    completed = r.Completed,
                }))), ct);
        var summary = new TableEntity(pk, "summary")
        {
            ["AssessedAt"] = sheet.AssessedAt,
            ["People"] = sheet.People,
            ["Completed"] = sheet.Completed,
        };
        await _table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpsertReplace, summary), .. notices.Actions], ct);
        await outbox.SendAsync(notices);
        log.LogInformation("{Year} 年度考核：{People} 人，完成 {Completed} 人", year, sheet.People, sheet.Completed);
        return sheet;
    }

    private async Task<AssessmentSheet?> GetAsync(int year, CancellationToken ct)
    {
        var pk = year.ToString();
        var summary = await _table.GetEntityIfExistsAsync<TableEntity>(pk, "summary", cancellationToken: ct);
        if (!summary.HasValue) return null;
        var rows = new List<AssessmentRow>();
        await foreach (var e in _table.QueryAsync<TableEntity>(x =>
            x.PartitionKey == pk && x.RowKey.CompareTo("p|") >= 0 && x.RowKey.CompareTo("p}") < 0,
            cancellationToken: ct))
            rows.Add(JsonSerializer.Deserialize<AssessmentRow>(e.GetString("Json"), Json.Options)!);
        var s = summary.Value!;
        return new AssessmentSheet(year, s.GetDateTimeOffset("AssessedAt") ?? default,
            s.GetInt32("People") ?? rows.Count, s.GetInt32("Completed") ?? 0,
            rows.OrderBy(r => r.UnitId, StringComparer.Ordinal).ThenBy(r => r.PersonId, StringComparer.Ordinal)
                .ToList());
    }

    private async Task<AssessmentRow?> GetRowAsync(int year, string personId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "p|" + LedgerKeys.Safe(personId),
            cancellationToken: ct);
        return e.HasValue ? JsonSerializer.Deserialize<AssessmentRow>(e.Value!.GetString("Json"), Json.Options) : null;
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = [];
        set.Add(value);
    }
}
