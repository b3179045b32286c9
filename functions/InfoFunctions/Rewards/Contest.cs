using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfoFunctions.Platform;

namespace InfoFunctions.Rewards;

public sealed record NominationInput(string? ReportId, string? Note);
public sealed record ScoreInput(int? Score, string? Comment);
/// <summary>Minimum average scores for each grade (defaults 90 / 80 / 70).</summary>
public sealed record FinalizeInput(decimal? Excellent, decimal? Good, decimal? Fair);

public sealed record ContestScore(string JudgeId, string JudgeName, int Score, string Comment, DateTimeOffset At);

public sealed record Nomination(
    int Year, string ReportId, string TrackingNumber, string? Title, string UnitId, IReadOnlyList<LedgerAuthor> Authors,
    string NominatedBy, DateTimeOffset NominatedAt, string? Note, IReadOnlyList<ContestScore> Scores)
{
    public decimal? Average => Scores.Count == 0 ? null : Math.Round(Scores.Average(s => (decimal)s.Score), 2);
}

public sealed record ContestResultItem(string ReportId, string TrackingNumber, string? Title, string UnitId, IReadOnlyList<LedgerAuthor> Authors, decimal Average, string? Grade, IReadOnlyList<string> Comments);
public sealed record ContestResult(int Year, DateTimeOffset FinalizedAt, string FinalizedBy, decimal Excellent, decimal Good, decimal Fair, IReadOnlyList<ContestResultItem> Items);
public sealed record ContestView(int Year, bool Finalized, IReadOnlyList<Nomination> Nominations, ContestResult? Result);

public sealed record ContestOutcome(object? Value, int Status = 200, string? Code = null, string? Detail = null);

/// <summary>
/// 好信息评选: editors nominate reports adopted in the year, judges score (0–100) and comment (点评),
/// an admin finalizes: each nominee is graded 优质 / 良好 / 较好 by its average score, the grades
/// become ledger facts (rewarded by the standard in force) and the list is published.
/// Table <c>contest</c>: PK year, RK <c>n|report</c> (the nomination with its scores) and <c>result</c>.
/// </summary>
public sealed class ContestService(TableServiceClient tables, QueueServiceClient queues, ReportLedgerStore reports, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.Tables.Contest);
    private readonly QueueClient _ledger = queues.GetQueueClient(StorageNames.Queues.Ledger);

    public static string AwardEventId(int year, string reportId) => $"contest-{year}-{LedgerKeys.Safe(reportId)}";

    public async Task<ContestOutcome> NominateAsync(int year, NominationInput input, string by, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.ReportId)) return new(null, 400, "invalid-nomination", "请填写被推荐稿件的编号（reportId）。");
        if (await ResultAsync(year, ct) is not null) return new(null, 409, "contest-finalized", $"{year}年度好信息评选已结束，不能再推荐。");
        // Only a report adopted in that (Beijing) year and still counting may be nominated.
        var applied = await reports.ListAppliedAsync(input.ReportId, ct);
        var (state, _, _) = await reports.GetStateAsync(input.ReportId, ct);
        var adoption = applied.FirstOrDefault(a => a.Message.Kind is LedgerEventKind.Adoption or LedgerEventKind.AdoptionCorrection
            && state.Adoptions.Any(x => x.EventId == a.Message.EventId) && HalfYear.BeijingDate(a.Message.OccurredAt).Year == year);
        if (adoption is null) return new(null, 409, "not-adopted", $"稿件 {input.ReportId} 在{year}年度没有被采用的记录，不能参加评选。");
        var m = adoption.Message;
        var n = new Nomination(year, m.ReportId, m.TrackingNumber, m.Title, m.UnitId, m.Authors, by, time.GetUtcNow(), input.Note?.Trim(), []);
        try
        {
            await _table.AddEntityAsync(ToEntity(n), ct);
            return new(n, 201);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return new(await GetAsync(year, m.ReportId, ct), 200);
        }
    }

    public async Task<ContestOutcome> ScoreAsync(int year, string reportId, ScoreInput input, string judgeId, string judgeName, CancellationToken ct)
    {
        if (input.Score is not (>= 0 and <= 100)) return new(null, 400, "invalid-score", "评分须为 0 到 100 的整数。");
        if (string.IsNullOrWhiteSpace(input.Comment)) return new(null, 400, "invalid-score", "请填写点评意见（comment）。");
        if (await ResultAsync(year, ct) is not null) return new(null, 409, "contest-finalized", $"{year}年度好信息评选已结束，不能再评分。");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "n|" + LedgerKeys.Safe(reportId), cancellationToken: ct);
            if (!e.HasValue) return new(null, 404, "not-found", $"未找到{year}年度对稿件 {reportId} 的推荐。");
            var n = FromEntity(e.Value!);
            // One score per judge: scoring again replaces the judge's earlier score.
            var scores = n.Scores.Where(s => s.JudgeId != judgeId).Append(new ContestScore(judgeId, judgeName, input.Score.Value, input.Comment.Trim(), time.GetUtcNow())).ToList();
            var updated = n with { Scores = scores };
            try
            {
                await _table.UpdateEntityAsync(ToEntity(updated), e.Value!.ETag, TableUpdateMode.Replace, ct);
                return new(updated);
            }
            catch (RequestFailedException ex) when (ex.Status == 412) { }
        }
        return new(null, 409, "busy", "评分正被同时修改，请重试。");
    }

    /// <summary>Grades every nominee and posts a ledger fact per grade. Finalizing twice returns the first result.</summary>
    public async Task<ContestOutcome> FinalizeAsync(int year, FinalizeInput input, string by, CancellationToken ct)
    {
        if (await ResultAsync(year, ct) is { } done) return new(done);
        decimal excellent = input.Excellent ?? 90, good = input.Good ?? 80, fair = input.Fair ?? 70;
        if (!(excellent >= good && good >= fair && fair >= 0 && excellent <= 100))
            return new(null, 400, "invalid-thresholds", "等次分数线须满足 100 ≥ 优质 ≥ 良好 ≥ 较好 ≥ 0。");
        var nominations = await ListAsync(year, ct);
        if (nominations.Count == 0) return new(null, 409, "no-nominations", $"{year}年度没有推荐稿件。");
        if (nominations.Where(n => n.Scores.Count == 0).Select(n => n.TrackingNumber).ToList() is { Count: > 0 } unscored)
            return new(null, 409, "unscored", $"以下稿件尚未评分：{string.Join("、", unscored)}。");
        var items = nominations.Select(n => new ContestResultItem(n.ReportId, n.TrackingNumber, n.Title, n.UnitId, n.Authors, n.Average!.Value,
                n.Average >= excellent ? "优质" : n.Average >= good ? "良好" : n.Average >= fair ? "较好" : null,
                n.Scores.Select(s => $"{s.JudgeName}：{s.Comment}").ToList()))
            .OrderByDescending(i => i.Average).ThenBy(i => i.TrackingNumber, StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        var result = new ContestResult(year, now, by, excellent, good, fair, items);
        try
        {
            await _table.AddEntityAsync(new TableEntity(year.ToString(), "result") { ["Json"] = JsonSerializer.Serialize(result, Json.Options) }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return new((await ResultAsync(year, ct))!);
        }
        // The awards are ledger facts; their ids are fixed, so a repeated send adds nothing.
        foreach (var i in items.Where(i => i.Grade is not null))
            await _ledger.SendMessageAsync(Json.Serialize(new LedgerMessage(AwardEventId(year, i.ReportId), LedgerEventKind.ContestAward, i.ReportId, i.TrackingNumber,
                i.UnitId, i.Authors, now, by, Grade: i.Grade, Note: $"{year}年度好信息评选", Title: i.Title)), ct);
        return new(result, 201);
    }

    public async Task<ContestView> ViewAsync(int year, bool includeScores, CancellationToken ct)
    {
        var result = await ResultAsync(year, ct);
        var nominations = includeScores ? await ListAsync(year, ct) : [];
        return new ContestView(year, result is not null, nominations, result);
    }

    private async Task<IReadOnlyList<Nomination>> ListAsync(int year, CancellationToken ct)
    {
        var list = new List<Nomination>();
        var pk = year.ToString();
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.PartitionKey == pk && x.RowKey.CompareTo("n|") >= 0 && x.RowKey.CompareTo("n}") < 0, cancellationToken: ct))
            list.Add(FromEntity(e));
        return list.OrderBy(n => n.TrackingNumber, StringComparer.Ordinal).ToList();
    }

    private async Task<Nomination?> GetAsync(int year, string reportId, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "n|" + LedgerKeys.Safe(reportId), cancellationToken: ct);
        return e.HasValue ? FromEntity(e.Value!) : null;
    }

    private async Task<ContestResult?> ResultAsync(int year, CancellationToken ct)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(year.ToString(), "result", cancellationToken: ct);
        return e.HasValue ? JsonSerializer.Deserialize<ContestResult>(e.Value!.GetString("Json"), Json.Options) : null;
    }

    private static TableEntity ToEntity(Nomination n) =>
        new(n.Year.ToString(), "n|" + LedgerKeys.Safe(n.ReportId)) { ["Json"] = JsonSerializer.Serialize(n, Json.Options) };

    private static Nomination FromEntity(TableEntity e) => JsonSerializer.Deserialize<Nomination>(e.GetString("Json"), Json.Options)!;
}
