namespace InfoFunctions.Review;

/// <summary>Failed queue messages for admins: listed and re-queued (<see cref="PoisonQueues"/>).</summary>
public sealed class PoisonFunctions(PoisonQueues poison)
{
    [Function("ListPoisonMessages"), Allow(Role.Admin)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/poison")] HttpRequest req,
        CancellationToken ct) =>
        Api.Ok(await poison.ListAsync(ct));

    /// <summary>Every poison message of the queue, or only <c>?messageId=</c>.</summary>
    [Function("RequeuePoisonMessages"), Allow(Role.Admin)]
    public async Task<IActionResult> Requeue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/poison/{queue}/requeue")] HttpRequest req,
        string queue, CancellationToken ct) =>
        Api.Ok(await poison.RequeueAsync(queue, req.Query["messageId"], ct));
}
