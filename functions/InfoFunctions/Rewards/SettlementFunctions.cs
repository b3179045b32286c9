namespace InfoFunctions.Rewards;

/// <summary>
/// Half-year settlement: the daily timer, an admin's run and paid mark, and reading what was settled.
/// </summary>
public sealed class SettlementFunctions(
    SettlementService settlement, SettlementReader settlements, ILogger<SettlementFunctions> log)
{
    private const string Route = "api/rewards/settlements";

    /// <summary>
    /// Daily (UTC schedule); settles every closed, unsettled half-year, so a missed run is caught up.
    /// </summary>
    [Function("SettleHalfYears")]
    public async Task SettleTimer([TimerTrigger("%Rewards__SettlementSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        foreach (var r in await settlement.SettleDueAsync(ct))
            if (r.Problem is { } p) log.LogWarning("结算未完成：{Code} {Detail}", p.Code, p.Detail);
    }

    [Function("RunSettlement"), Allow(Role.Admin)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{period}/run")] HttpRequest req,
        string period, CancellationToken ct) =>
        Api.Ok(await settlements.ViewAsync(await settlement.RunAsync(period, req.Principal(),
            string.Equals(req.Query["confirmEmpty"], "true", StringComparison.OrdinalIgnoreCase), ct), ct));

    /// <summary>Opens a settled, unpaid period again: <c>{reason}</c>, recorded in its history.</summary>
    [Function("ReopenSettlement"), Allow(Role.Admin)]
    public async Task<IActionResult> Reopen(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{period}/reopen")] HttpRequest req,
        string period, CancellationToken ct) =>
        Api.Ok(await Api.ReadJsonAsync<ReopenInput>(req)
            .ThenAsync(input => settlement.ReopenAsync(period, req.Principal(), input.Reason, ct)));

    [Function("MarkSettlementPaid"), Allow(Role.Admin)]
    public async Task<IActionResult> MarkPaid(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{period}/paid")] HttpRequest req,
        string period, CancellationToken ct) =>
        Api.Ok(await settlement.MarkPaidAsync(period, req.Principal(), ct));

    [Function("ListSettlements"), Allow(LedgerReader.Readers)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, CancellationToken ct) =>
        Api.Ok(await settlements.ListAsync(ct));

    [Function("GetSettlement"), Allow(LedgerReader.Readers)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{period}")] HttpRequest req,
        string period, CancellationToken ct) =>
        Api.Ok(await settlements.GetAsync(period, ct));

    /// <summary>A person reads their own statement, a unit's people their unit's; admins and leaders all.</summary>
    [Function("GetStatement"), Allow(Role.Anyone)]
    public async Task<IActionResult> GetStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{period}/statements/{partyKind}/{partyId}")]
        HttpRequest req, string period, string partyKind, string partyId, CancellationToken ct) =>
        Api.Ok(await settlements.StatementAsync(req.Principal(), period, partyKind, partyId, ct));

    /// <summary>The payout sheet as XLSX or CSV.</summary>
    [Function("GetPayoutSheet"), Allow(LedgerReader.Readers)]
    public async Task<IActionResult> GetPayout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{period}/payout/{format}")] HttpRequest req,
        string period, string format, CancellationToken ct) =>
        Api.File(await settlements.PayoutAsync(period, format, ct));
}
