namespace InfoFunctions.Notifications;

/// <summary>What was sent: the local outbox, the delivery log and the addresses that bounce.</summary>
public sealed class DeliveryLogFunctions(Outbox outbox, DeliveryLog log, FailingAddressStore failing)
{
    private const string Route = "api/notifications";

    [Function("ListOutbox"), Allow(Role.Admin)]
    public async Task<IActionResult> ListOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/outbox")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await Take(req, 50).ThenAsync(async take => new Result<IReadOnlyList<OutboxSummary>>(
            await outbox.ListAsync(take, ct))));

    /// <summary>The .eml as message/rfc822 (opens in any mail client), or <c>?format=json</c>.</summary>
    [Function("GetOutboxMessage"), Allow(Role.Admin)]
    public async Task<IActionResult> GetOutboxMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/outbox/{id}")] HttpRequest req,
        string id, CancellationToken ct) =>
        string.Equals(req.Query["format"], "json", StringComparison.OrdinalIgnoreCase)
            ? Api.Ok(await outbox.FindAsync(id, ct))
            : Api.File(await outbox.FindEmlAsync(id, ct));

    [Function("GetNotificationLog"), Allow(Role.Admin | Role.Editor)]
    public async Task<IActionResult> GetLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/log")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await Take(req, 200).ThenAsync(async take => new Result<IReadOnlyList<DeliveryEntry>>(
            await log.QueryAsync(req.Query["email"].FirstOrDefault(), req.Query["personId"].FirstOrDefault(), take,
                ct))));

    [Function("ListFailingAddresses"), Allow(Role.Admin)]
    public async Task<IActionResult> ListFailing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/failing-addresses")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await failing.ListAsync(ct));

    /// <summary><c>take</c>: 1–1000, <paramref name="fallback"/> when absent.</summary>
    private static Result<int> Take(HttpRequest req, int fallback) =>
        req.Query["take"].ToString() is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000 ? n
        : Problem.Field("take", "take 应为 1 到 1000 的整数。");
}
