using Azure.Storage.Blobs;
using InfoFunctions.Identity;
using InfoFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace InfoFunctions.Rewards;

public sealed record LedgerView(string Period, string PartyKind, string PartyId, decimal Points, decimal Yuan, IReadOnlyList<LedgerLine> Lines);
public sealed record SettlementView(SettlementSummary Summary, string PeriodName, string PeriodRange, IReadOnlyList<StatementRow> Statements, IReadOnlyDictionary<string, string> Files);
public sealed record StatementRow(string PartyKind, string PartyId, string Name, string? UnitName, decimal Points, decimal Yuan, int AdoptedReports, decimal AdjustmentYuan, string Link);

/// <summary>Rewards: the ledger queue worker, the half-year settlement timer, standards, ledger and settlement endpoints.</summary>
public sealed class RewardsFunctions(
    Authenticator auth, LedgerProcessor processor, LedgerStore ledger, SettlementService settlement, SettlementStore settlements,
    StandardsService standards, BlobServiceClient blobs, ILogger<RewardsFunctions> log)
{
    private const Role Readers = Role.Admin | Role.Leader;

    /// <summary>Throws on failure so the host retries, then moves the message to ledger-poison.</summary>
    [Function("ApplyLedgerMessage")]
    public Task Apply([QueueTrigger(StorageNames.Queues.Ledger)] LedgerMessage message, CancellationToken ct) =>
        processor.ProcessAsync(message, ct);

    /// <summary>Daily (UTC schedule); settles every closed, unsettled half-year, so a missed run is caught up.</summary>
    [Function("SettleHalfYears")]
    public async Task SettleTimer([TimerTrigger("%Rewards__SettlementSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        foreach (var r in await settlement.SettleDueAsync(ct))
            if (r.ErrorCode is not null) log.LogWarning("结算未完成：{Code} {Detail}", r.ErrorCode, r.ErrorDetail);
    }

    [Function("ListRewardStandards"), Allow(Role.Anyone)]
    public async Task<IActionResult> ListStandards([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/standards")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await standards.ListAsync(req.HttpContext.RequestAborted));
    }

    [Function("CreateRewardStandard"), Allow(Role.Admin)]
    public async Task<IActionResult> CreateStandard([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/standards")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<StandardInput>(req);
        if (error is not null) return error;
        return ToResult(await standards.CreateAsync(body!, a.Principal!.Id, req.HttpContext.RequestAborted));
    }

    [Function("LoadDemoRewardStandard"), Allow(Role.Admin)]
    public async Task<IActionResult> LoadDemoStandard([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/standards/demo")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        return ToResult(await standards.LoadDemoAsync(a.Principal!.Id, req.HttpContext.RequestAborted));
    }

    /// <summary>Admin: body = a proposed standard; answers each party's change for the open half-year. Stores nothing.</summary>
    [Function("PreviewRewardStandard"), Allow(Role.Admin)]
    public async Task<IActionResult> PreviewStandard([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/standards/preview")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        var (body, error) = await Api.ReadJsonOrProblemAsync<StandardInput>(req);
        if (error is not null) return error;
        var (standard, errors) = StandardsService.Parse(body!, 0, DateTimeOffset.UnixEpoch, a.Principal!.Id);
        if (standard is null) return Api.BadRequest("invalid-standard", "标准内容有误：" + string.Join(" ", errors), errors);
        return Api.Ok(await standards.PreviewAsync(standard, req.HttpContext.RequestAborted));
    }

    [Function("GetRewardLedger"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/ledger")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        var p = a.Principal!;
        if (!HalfYear.TryParse(req.Query["period"], out var period))
            return Api.BadRequest("invalid-period", "请用 period 指定半年度，例如 2026H1（上半年）或 2026H2（下半年）。");
        string? unitId = req.Query["unitId"], personId = req.Query["personId"];
        var kind = unitId is { Length: > 0 } ? PartyKind.Unit : PartyKind.Person;
        var id = kind == PartyKind.Unit ? unitId! : personId is { Length: > 0 } ? personId : p.Id;
        var mayRead = p.IsInRole(Readers) || (kind == PartyKind.Person ? id == p.Id : p.UnitId == id);
        if (!mayRead) return Api.Problem(403, "forbidden", "只能查看本人或本单位的积分明细。");
        var lines = new List<LedgerLine>();
        await foreach (var l in ledger.ScanAsync(period, LedgerKeys.Party(kind, LedgerKeys.Safe(id)), req.HttpContext.RequestAborted)) lines.Add(l);
        return Api.Ok(new LedgerView(period.Key, kind.ToString().ToLowerInvariant(), id, lines.Sum(l => l.Points), lines.Sum(l => l.Yuan), lines));
    }

    [Function("RunSettlement"), Allow(Role.Admin)]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/settlements/{period}/run")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!HalfYear.TryParse(period, out var p)) return InvalidPeriod();
        var r = await settlement.RunAsync(p, req.HttpContext.RequestAborted);
        return r.ErrorCode is not null ? Api.Conflict(r.ErrorCode, r.ErrorDetail!) : Api.Ok(await ViewAsync(p, r.Summary!, req.HttpContext.RequestAborted));
    }

    [Function("MarkSettlementPaid"), Allow(Role.Admin)]
    public async Task<IActionResult> MarkPaid([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rewards/settlements/{period}/paid")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Role.Admin);
        if (a.Failure is not null) return a.Failure;
        if (!HalfYear.TryParse(period, out var p)) return InvalidPeriod();
        var r = await settlement.MarkPaidAsync(p, a.Principal!.Id, req.HttpContext.RequestAborted);
        return r.ErrorCode is not null ? Api.Conflict(r.ErrorCode, r.ErrorDetail!) : Api.Ok(r.Summary);
    }

    [Function("ListSettlements"), Allow(Role.Leader | Role.Admin)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/settlements")] HttpRequest req)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        return Api.Ok(await settlements.ListAsync(req.HttpContext.RequestAborted));
    }

    [Function("GetSettlement"), Allow(Role.Leader | Role.Admin)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/settlements/{period}")] HttpRequest req, string period)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        if (!HalfYear.TryParse(period, out var p)) return InvalidPeriod();
        var s = await settlements.GetAsync(p, req.HttpContext.RequestAborted);
        if (s is null || s.Value.Summary.Status == SettlementStatus.Open) return Api.NotFound($"{p.DisplayName}的结算");
        return Api.Ok(await ViewAsync(p, s.Value.Summary, req.HttpContext.RequestAborted));
    }

    /// <summary>A statement: a person may read their own, a unit's people their unit's; admins and leaders all.</summary>
    [Function("GetStatement"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/settlements/{period}/statements/{partyKind}/{partyId}")] HttpRequest req,
        string period, string partyKind, string partyId)
    {
        var a = await auth.RequireAsync(req);
        if (a.Failure is not null) return a.Failure;
        if (!HalfYear.TryParse(period, out var p)) return InvalidPeriod();
        if (partyKind is not ("person" or "unit")) return Api.NotFound("结算单类型（person 或 unit）");
        var kind = partyKind == "unit" ? PartyKind.Unit : PartyKind.Person;
        var pr = a.Principal!;
        if (!pr.IsInRole(Readers) && !(kind == PartyKind.Person ? partyId == pr.Id : partyId == pr.UnitId))
            return Api.Problem(403, "forbidden", "只能查看本人或本单位的结算单。");
        var s = await settlements.GetStatementAsync(p, kind, partyId, req.HttpContext.RequestAborted);
        return s is null ? Api.NotFound($"{p.DisplayName}的结算单") : Api.Ok(s);
    }

    /// <summary>The payout sheet as XLSX or CSV (admins and leaders).</summary>
    [Function("GetPayoutSheet"), Allow(Role.Leader | Role.Admin)]
    public async Task<IActionResult> GetPayout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/settlements/{period}/payout/{format}")] HttpRequest req, string period, string format)
    {
        var a = await auth.RequireAsync(req, Readers);
        if (a.Failure is not null) return a.Failure;
        if (!HalfYear.TryParse(period, out var p)) return InvalidPeriod();
        if (format is not ("xlsx" or "csv")) return Api.NotFound("该格式的发放表（xlsx 或 csv）");
        var blob = blobs.GetBlobContainerClient(StorageNames.Containers.Settlements).GetBlobClient(format == "xlsx" ? SettlementService.XlsxBlob(p) : SettlementService.CsvBlob(p));
        try
        {
            var content = await blob.DownloadContentAsync(req.HttpContext.RequestAborted);
            var type = format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
            var fileName = Uri.EscapeDataString($"{p.DisplayName}信息奖励发放表.{format}");
            return new ApiResult(200, r =>
            {
                r.ContentType = type;
                return r.Body.WriteAsync(content.Value.Content.ToMemory()).AsTask();
            }, new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"payout-{p.Key}.{format}\"; filename*=UTF-8''{fileName}" });
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return Api.NotFound($"{p.DisplayName}的发放表");
        }
    }

    private async Task<SettlementView> ViewAsync(HalfYear p, SettlementSummary summary, CancellationToken ct)
    {
        var rows = (await settlements.ListStatementsAsync(p, ct))
            .OrderBy(s => s.PartyKind).ThenBy(s => s.PartyId, StringComparer.Ordinal)
            .Select(s => new StatementRow(s.PartyKind.ToString().ToLowerInvariant(), s.PartyId, s.Name, s.UnitName, s.Points, s.Yuan, s.AdoptedReports, s.AdjustmentYuan,
                $"/api/rewards/settlements/{p.Key}/statements/{s.PartyKind.ToString().ToLowerInvariant()}/{Uri.EscapeDataString(s.PartyId)}"))
            .ToList();
        return new SettlementView(summary, p.DisplayName, p.RangeText, rows, new Dictionary<string, string>
        {
            ["xlsx"] = $"/api/rewards/settlements/{p.Key}/payout/xlsx",
            ["csv"] = $"/api/rewards/settlements/{p.Key}/payout/csv",
        });
    }

    private static IActionResult InvalidPeriod() =>
        Api.BadRequest("invalid-period", "半年度格式应为 2026H1（上半年）或 2026H2（下半年）。");

    private static IActionResult ToResult(StandardResult r) => r.Standard is not null
        ? (r.Status == 201 ? Api.Created($"/api/rewards/standards/{r.Standard.Version}", r.Standard) : Api.Ok(r.Standard))
        : Api.Problem(r.Status, r.Code!, r.Detail!, r.Errors);
}
