namespace InfoFunctions.Rewards;

/// <summary>
/// 好信息评选: editors nominate reports adopted in the year, judges score (0–100) and comment (点评),
/// an admin finalizes: each nominee is graded 优质 / 良好 / 较好 by its average score, the grades
/// become ledger facts (rewarded by the standard in force) and the list is published.
/// Table <c>contest</c>: PK year, RK <c>n|report</c> (the nomination with its scores) and <c>result</c>.
/// </summary>
public sealed class ContestService(TableServiceClient tables, MessageOutbox outbox, ReportLedgerStore reports,
    TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Contest);

    /// <summary>Who judges: they see nominations and scores before the result is published.</summary>
    public const Role Judges = Role.Editor | Role.Leader | Role.Admin;

    private static Problem Finalized(int year, string what) =>
        Problem.Conflict("contest-finalized", $"{year}年度好信息评选已结束，不能再{what}。");

    public static string AwardEventId(int year, string reportId) => $"contest-{year}-{LedgerKeys.Safe(reportId)}";

    public async Task<Result<Saved<Nomination>>> NominateAsync(
        string yearText, NominationInput input, Principal by, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        if (string.IsNullOrWhiteSpace(input.ReportId))
            return Problem.Invalid("invalid-nomination", "请填写被推荐稿件的编号（reportId）。");
        if (await ResultAsync(year, ct) is not null) return Finalized(year, "推荐");
        // Only a report adopted in that (Beijing) year and still counting may be nominated.
        var applied = await reports.ListAppliedAsync(input.ReportId, ct);
        var (state, _, _) = await reports.GetStateAsync(input.ReportId, ct);
        var adoption = applied.FirstOrDefault(a =>
            a.Message.Kind is LedgerEventKind.Adoption or LedgerEventKind.AdoptionCorrection
            && state.Adoptions.Any(x => x.EventId == a.Message.EventId)
                && BusinessTime.DayOf(a.Message.OccurredAt).Year == year);
        if (adoption is null)
            return Problem.Conflict("not-adopted", $"稿件 {input.ReportId} 在{year}年度没有被采用的记录，不能参加评选。");
        var m = adoption.Message;
        var n = new Nomination(year, m.ReportId, m.TrackingNumber, m.Title, m.UnitId, m.Authors, by.Id,
            time.GetUtcNow(),
            input.Note?.Trim(), []);
        try
        {
            await _table.AddEntityAsync(ToEntity(n), ct);
            return new Saved<Nomination>(n, IsNew: true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return new Saved<Nomination>((await GetAsync(year, m.ReportId, ct))!, IsNew: false);
        }
    }

    public async Task<Result<Nomination>> ScoreAsync(
        string yearText, string reportId, ScoreInput input, Principal judge, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        if (input.Score is not (>= 0 and <= 100))
            return Problem.Invalid("invalid-score", "评分须为 0 到 100 的整数。", [new("score", "评分须为 0 到 100 的整数。")]);
        if (string.IsNullOrWhiteSpace(input.Comment))
            return Problem.Invalid("invalid-score", "请填写点评意见（comment）。", [new("comment", "请填写点评意见。")]);
        if (await ResultAsync(year, ct) is not null) return Finalized(year, "评分");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "n|" + LedgerKeys.Safe(reportId),
                cancellationToken: ct);
            if (!e.HasValue) return Problem.NotFound($"{year}年度对稿件 {reportId} 的推荐");
            var n = FromEntity(e.Value!);
            // One score per judge: scoring again replaces the judge's earlier score.
            var score = new ContestScore(judge.Id, judge.Name, input.Score.Value, input.Comment.Trim(),
                time.GetUtcNow());
            var scores = n.Scores.Where(s => s.JudgeId != judge.Id).Append(score).ToList();
            var updated = n with { Scores = scores };
            try
            {
                await _table.UpdateEntityAsync(ToEntity(updated), e.Value!.ETag, TableUpdateMode.Replace, ct);
                return updated;
            }
            catch (RequestFailedException ex) when (ex.Status == 412) { }
        }
        return Problem.Conflict("busy", "评分正被同时修改，请重试。");
    }

    /// <summary>
    /// Grades every nominee and posts a ledger fact per grade. Finalizing twice returns the first result.
    /// </summary>
    public async Task<Result<Saved<ContestResult>>> FinalizeAsync(
        string yearText, FinalizeInput input, Principal by, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        if (await ResultAsync(year, ct) is { } done) return new Saved<ContestResult>(done, IsNew: false);
        decimal excellent = input.Excellent ?? 90, good = input.Good ?? 80, fair = input.Fair ?? 70;
        if (!(excellent >= good && good >= fair && fair >= 0 && excellent <= 100))
        {
            var at = excellent is < 0 or > 100 ? "excellent" : good > excellent || good < 0 ? "good" : "fair";
            return Problem.Invalid("invalid-thresholds", "等次分数线须满足 100 ≥ 优质 ≥ 良好 ≥ 较好 ≥ 0。",
                [new(at, "等次分数线须满足 100 ≥ 优质（excellent）≥ 良好（good）≥ 较好（fair）≥ 0。")]);
        }
        var nominations = await ListAsync(year, ct);
        if (nominations.Count == 0) return Problem.Conflict("no-nominations", $"{year}年度没有推荐稿件。");
        if (nominations.Where(n => n.Scores.Count == 0).Select(n => n.TrackingNumber)
            .ToList() is { Count: > 0 } unscored)
            return Problem.Conflict("unscored", $"以下稿件尚未评分：{string.Join("、", unscored)}。");
        var items = nominations.Select(n =>
            new ContestResultItem(n.ReportId, n.TrackingNumber, n.Title, n.UnitId, n.Authors, n.Average!.Value,
                n.Average >= excellent ? "优质" : n.Average >= good ? "良好" : n.Average >= fair ? "较好" : null,
                n.Scores.Select(s => $"{s.JudgeName}：{s.Comment}").ToList()))
            .OrderByDescending(i => i.Average).ThenBy(i => i.TrackingNumber, StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        var result = new ContestResult(year, now, by.Id, excellent, good, fair, items);
        // The awards are ledger facts committed with the result (its outbox); their ids are fixed, so a repeated
        // send adds nothing.
        var awards = await outbox.StageAsync(StorageNames.Tables.Contest, year.ToString(),
            items.Where(i => i.Grade is not null).Select(i => OutboxMessage.Of(StorageNames.Queues.Ledger,
                new LedgerMessage(AwardEventId(year, i.ReportId), LedgerEventKind.ContestAward, i.ReportId,
                    i.TrackingNumber, i.UnitId, i.Authors, now, by.Id, Grade: i.Grade, Note: $"{year}年度好信息评选",
                    Title: i.Title))), ct);
        var row = new TableEntity(year.ToString(), "result")
        {
            ["Json"] = JsonSerializer.Serialize(result, Json.Options),
        };
        try { await _table.SubmitTransactionAsync([new(TableTransactionActionType.Add, row), .. awards.Actions], ct); }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return new Saved<ContestResult>((await ResultAsync(year, ct))!, IsNew: false);
        }
        await outbox.SendAsync(awards);
        return new Saved<ContestResult>(result, IsNew: true);
    }

    /// <summary>Everyone sees the published result; nominations and scores are for the judges.</summary>
    public async Task<Result<ContestView>> ViewAsync(string yearText, Principal who, CancellationToken ct)
    {
        if (!RewardYear.TryParse(yearText, out var year)) return RewardYear.Invalid;
        var result = await ResultAsync(year, ct);
        var nominations = who.IsInRole(Judges) ? await ListAsync(year, ct) : [];
        return new ContestView(year, result is not null, nominations, result);
    }

    private async Task<IReadOnlyList<Nomination>> ListAsync(int year, CancellationToken ct)
    {
        var list = new List<Nomination>();
        var pk = year.ToString();
        await foreach (var e in _table.QueryAsync<TableEntity>(x =>
            x.PartitionKey == pk && x.RowKey.CompareTo("n|") >= 0 && x.RowKey.CompareTo("n}") < 0,
            cancellationToken: ct))
            list.Add(FromEntity(e));
        return list.OrderBy(n => n.TrackingNumber, StringComparer.Ordinal).ToList();
    }

    private async Task<Nomination?> GetAsync(int year, string reportId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "n|" + LedgerKeys.Safe(reportId),
            cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    private async Task<ContestResult?> ResultAsync(int year, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "result", cancellationToken: ct);
        return e.HasValue ? JsonSerializer.Deserialize<ContestResult>(e.Value!.GetString("Json"), Json.Options) : null;
    }

    private static TableEntity ToEntity(Nomination n) =>
        new(n.Year.ToString(),
            "n|" + LedgerKeys.Safe(n.ReportId))
        { ["Json"] = JsonSerializer.Serialize(n, Json.Options) };

    private static Nomination FromEntity(TableEntity e) =>
        JsonSerializer.Deserialize<Nomination>(e.GetString("Json"), Json.Options)!;
}
