namespace InfoFunctions.Rewards;

/// <summary>The ledger: the queue worker that books each fact, and each person's or unit's lines.</summary>
public sealed class LedgerFunctions(LedgerProcessor processor, LedgerReader ledger)
{
    /// <summary>Throws on failure so the host retries, then moves the message to ledger-poison.</summary>
    [Function("ApplyLedgerMessage")]
    public Task Apply([QueueTrigger(StorageNames.Queues.Ledger)] LedgerMessage message, CancellationToken ct) =>
        processor.ProcessAsync(message, ct);

    /// <summary>
    /// <c>?period=2026H1</c>, and <c>unitId</c> or <c>personId</c> (the caller by default); the office without either
    /// gets the whole period, paged and filterable (see <see cref="LedgerQuery"/>).
    /// </summary>
    [Function("GetRewardLedger"), Allow(Role.Anyone)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/ledger")] HttpRequest req,
        CancellationToken ct)
    {
        var q = req.Query;
        return Api.Ok(await ledger.ReadAsync(req.Principal(), new LedgerQuery(q["period"], q["personId"], q["unitId"],
            q["partyKind"], q["kind"], q["carrierId"], q["reportId"], q["q"], q["pageSize"], q["continuationToken"]),
            ct));
    }
}
